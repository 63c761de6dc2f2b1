// Console output like mitmdump's: one compact line per completed exchange, then one per finding.
import type { Exchange, Severity } from '../rules/model/exchange.ts';
import { consoleRedaction } from './recording/redact.ts';

const COLORS = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof COLORS;
const SEVERITY_COLOR: Record<Severity, Color> = { error: 'red', warning: 'yellow', info: 'blue' };

/** A painter for terminal colours, or one that leaves text plain (not a TTY, NO_COLOR). */
export function painter(color: boolean): (c: Color, s: string) => string {
  return (c, s) => (color ? `\x1b[${COLORS[c]}m${s}\x1b[0m` : s);
}

/** One finding under its exchange's line, as the proxy's console and lint's text output show it. */
export function findingLine(f: { severity: Severity; ruleId: string; message: string; partial?: true; party?: string }, paint: (c: Color, s: string) => string): string {
  const party = f.party && f.party !== 'unknown' ? ` ${paint('dim', `[${f.party}]`)}` : '';
  return `    ${paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7))} ${paint('dim', f.ruleId)}${party}  ${f.message}${f.partial ? paint('dim', ` ${PARTIAL_NOTE}`) : ''}`;
}

/** Said after a finding judged on the kept part of a body cut at --max-body. */
export const PARTIAL_NOTE = '(on the part of the body kept under --max-body)';

export function formatSize(n: number | undefined): string {
  if (n === undefined) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function statusColor(status: number): Color {
  return status >= 500 ? 'red' : status >= 400 ? 'yellow' : status >= 300 ? 'cyan' : 'green';
}


/** The console lines of an exchange; redactHeaders are the --redact-header names, whose values are kept off them. */
export function exchangeLines(ex: Exchange, color: boolean, redactHeaders?: readonly string[]): string[] {
  const paint = painter(color);
  const time = new Date(ex.timings.startedAt).toTimeString().slice(0, 8);
  const duration = ex.timings.end !== undefined ? `${Math.round(ex.timings.end)} ms` : '';
  let outcome: string;
  if (ex.response) {
    const body = ex.response.body;
    const size = body.kind === 'none' ? 0 : body.size;
    outcome = `${paint(statusColor(ex.response.status), String(ex.response.status))} ${ex.response.statusText}  ${duration}  ${formatSize(size)}`;
  } else {
    outcome = `${paint('red', `✗ ${ex.error?.code ?? 'no response'}`)} (${ex.error?.phase ?? '?'})  ${duration}`;
  }
  // Terminals get scrolled back, logged and pasted: no password or token on them.
  const redacted = consoleRedaction(ex, redactHeaders);
  // An answer a fault made or changed says so, so nobody takes it for the server's.
  const origin = ex.fault ? `  ${paint('yellow', `[injected by ${ex.fault.name}: ${ex.fault.did}]`)}` : ex.source !== 'live' ? `  ${paint('dim', `[${ex.source}]`)}` : '';
  const lines = [`${paint('dim', time)} ${paint('bold', ex.request.method)} ${redacted.target}  ${outcome}${origin}`];
  for (const f of ex.findings) {
    lines.push(findingLine({ ...f, message: redacted.message(f) }, paint));
  }
  return lines;
}
