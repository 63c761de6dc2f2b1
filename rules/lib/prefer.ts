// The Prefer request header (RFC 7240 §2, RFC 8144) as a list of preferences, and the legacy Brief header,
// shared by the rules that check its syntax and whether the server honoured it.
import type { ExchangeView } from '../engine/view.ts';
import { isToken } from '../model/headers.ts';

export interface Preference {
  /** Lower-case token, e.g. "return" or "depth-noroot". */
  readonly name: string;
  /** The value with quotes removed, when given. */
  readonly value?: string;
}

export type PreferParse = { readonly ok: true; readonly prefs: readonly Preference[] } | { readonly ok: false; readonly part: string };

const WORD = /^(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+|"(?:[^"\\]|\\.)*")$/;

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && quoted && i + 1 < s.length) {
      cur += ch + s[++i]!;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** token [BWS "=" BWS word]; the name and unquoted value, or undefined when malformed. */
function pair(s: string): Preference | undefined {
  const eq = s.indexOf('=');
  const name = (eq === -1 ? s : s.slice(0, eq)).trim();
  if (!isToken(name)) return undefined;
  if (eq === -1) return { name: name.toLowerCase() };
  const word = s.slice(eq + 1).trim();
  if (!WORD.test(word)) return undefined;
  return { name: name.toLowerCase(), value: word.startsWith('"') ? word.slice(1, -1).replace(/\\(.)/g, '$1') : word };
}

/** Parses one or more Prefer header values (RFC 7240 §2: 1#preference, each with optional ;parameters). */
export function parsePrefer(values: readonly string[]): PreferParse {
  const prefs: Preference[] = [];
  for (const value of values) {
    for (const item of splitOutsideQuotes(value, ',')) {
      if (item.trim() === '') continue;
      const [head, ...params] = splitOutsideQuotes(item, ';');
      const p = pair(head!);
      if (!p) return { ok: false, part: item.trim() };
      for (const param of params) if (param.trim() !== '' && !pair(param)) return { ok: false, part: item.trim() };
      prefs.push(p);
    }
  }
  return { ok: true, prefs };
}

/** The preferences a request asks for; Brief: t (the pre-RFC 8144 header) counts as return=minimal. */
export function requestedPreferences(view: ExchangeView): { minimal: boolean; noroot: boolean; representation: boolean; brief: boolean } {
  const parsed = parsePrefer(view.reqHeaders('Prefer'));
  const prefs = parsed.ok ? parsed.prefs : [];
  const brief = view.reqHeader('Brief')?.trim().toLowerCase() === 't';
  return {
    minimal: brief || prefs.some((p) => p.name === 'return' && p.value?.toLowerCase() === 'minimal'),
    representation: prefs.some((p) => p.name === 'return' && p.value?.toLowerCase() === 'representation'),
    noroot: prefs.some((p) => p.name === 'depth-noroot'),
    brief,
  };
}

/** The preferences named in the response's Preference-Applied header (RFC 7240 §3). */
export function appliedPreferences(view: ExchangeView): readonly Preference[] {
  const parsed = parsePrefer(view.resHeaders('Preference-Applied'));
  return parsed.ok ? parsed.prefs : [];
}
