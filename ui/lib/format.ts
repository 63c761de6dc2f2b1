// Small display formatters for the list and the detail: times, sizes, durations, paths.

export function clock(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function bytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The request-target shown relative to the upstream's base path: with --target http://h/dav/,
 * "/dav/cal/e.ics" shows as "/cal/e.ics". Targets outside the base path are shown whole.
 */
export function relativeTarget(target: string, upstream: string): string {
  let base: string;
  try {
    base = new URL(upstream).pathname;
  } catch {
    return target;
  }
  if (base === '/' || !base.endsWith('/')) return target;
  return target.startsWith(base) ? target.slice(base.length - 1) : target;
}

/** The short tag a list row shows for an exchange that is not plain live traffic; '' for live
 *  traffic and for a file's exchanges that do not say (every one of them would carry it). */
export function originTag(row: { readonly source: string; readonly basedOn?: string; readonly intercepted?: string; readonly fault?: string }): string {
  const parts: string[] = [];
  if (row.source === 'resent') parts.push(row.basedOn !== undefined ? `resent from #${row.basedOn}` : 'resent');
  else if (row.source === 'replayed') parts.push(row.basedOn !== undefined ? `replay of #${row.basedOn}` : 'replay miss');
  else if (row.source !== 'live' && row.source !== 'import') parts.push(row.source);
  if (row.fault) parts.push(`fault: ${row.fault}`);
  if (row.intercepted) parts.push(`intercept: ${row.intercepted}`);
  return parts.join(' · ');
}
