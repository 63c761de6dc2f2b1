// The filter language, one implementation for the list, `lint --filter` and intercept: terms with
// CalDAV words joined by `and` (or juxtaposition), `or`, `not` / `-` / `!`, and parentheses.
//
//   method:PUT,DELETE   status:207  status:4xx  status:failed  path:/cal/**/*.ics  path:/work/
//   header:If-Match  req.header:Depth=1  res.header:ETag   body:text  res.body:/regex/i
//   xml:C:calendar-multiget  rule:caldav/  severity:warning  party:server  has:findings  source:replayed
//   a bare word or "quoted words": found in the method, path, status or header lines
//
// Pure: runs in the page, the CLI and the proxy. Bad input throws FilterError with the position.
import { closeMatches } from '../engine/config.ts';
import { PARTIES, type Severity } from '../model/exchange.ts';
import { pathMatcher } from '../faults/match.ts';

/** What a filter can ask of an exchange; absent parts (a body not loaded, no response yet) are false. */
export interface FilterSubject {
  readonly method: string;
  readonly target: string;
  readonly status?: number;
  readonly failed?: boolean;
  readonly source?: string;
  readonly requestHeaders: readonly (readonly [string, string])[];
  readonly responseHeaders?: readonly (readonly [string, string])[];
  readonly findings?: readonly { readonly ruleId: string; readonly severity: Severity }[];
  /** Whose faults the findings are (client, server, both, unknown). */
  readonly parties?: readonly string[];
  requestBody?(): string | undefined;
  responseBody?(): string | undefined;
  /** Clark names of the elements of the request's or response's XML body. */
  xmlElements?(side: 'request' | 'response'): ReadonlySet<string> | undefined;
}

export type FilterMatcher = (s: FilterSubject) => boolean;

export class FilterError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the filter text where the problem is. */
    readonly position: number,
  ) {
    super(message);
  }
}

export const FILTER_KEYS = ['method', 'status', 'path', 'header', 'req.header', 'res.header', 'body', 'req.body', 'res.body', 'xml', 'rule', 'severity', 'party', 'has', 'source'] as const;
/** Keys whose answer is known once the request head (and body) arrived: intercept can use them. */
const REQUEST_KEYS = new Set(['method', 'path', 'header', 'req.header', 'body', 'req.body', 'xml', 'source']);

type Node = { readonly kind: 'and' | 'or'; readonly left: Node; readonly right: Node } | { readonly kind: 'not'; readonly inner: Node } | { readonly kind: 'term'; readonly key: string; readonly value: string; readonly at: number };

/** Parses and compiles filter text; an empty text matches everything. */
export function compileFilterText(text: string): FilterMatcher {
  const ast = parseFilter(text);
  return ast ? compile(ast) : () => true;
}

/** The first term that cannot be decided from the request alone, as a sentence; undefined when none. */
export function requestOnlyProblem(text: string): string | undefined {
  const ast = parseFilter(text);
  const walk = (n: Node | undefined): string | undefined => {
    if (!n) return undefined;
    if (n.kind === 'term') return n.key === '' || REQUEST_KEYS.has(n.key) ? undefined : `${n.key}: is only known once the answer is in (at character ${n.at + 1}); intercept can use ${[...REQUEST_KEYS].join(', ')} and bare words`;
    if (n.kind === 'not') return walk(n.inner);
    return walk(n.left) ?? walk(n.right);
  };
  return walk(ast);
}

/** Keys a list row cannot answer without the whole exchange (bodies, XML, one side's headers). */
const WHOLE_EXCHANGE_KEYS = new Set(['body', 'req.body', 'res.body', 'xml', 'req.header', 'res.header']);

/** Whether the filter reads what only the whole exchange holds, so the page asks the server to decide
 *  for exchanges it has not loaded. False for an empty or broken filter. */
export function readsWholeExchange(text: string): boolean {
  let ast: Node | undefined;
  try {
    ast = parseFilter(text);
  } catch {
    return false;
  }
  const walk = (n: Node | undefined): boolean => {
    if (!n) return false;
    if (n.kind === 'term') return WHOLE_EXCHANGE_KEYS.has(n.key) || (n.key === 'has' && n.value.toLowerCase() === 'body');
    if (n.kind === 'not') return walk(n.inner);
    return walk(n.left) || walk(n.right);
  };
  return walk(ast);
}

// ---- parsing ------------------------------------------------------------------------------------

interface Token {
  readonly text: string;
  readonly at: number;
  /** The token began with a quote: a bare phrase, never a key (a quoted value after key: is fine). */
  readonly quoted: boolean;
}

const BODY_KEY = /^(?:req\.|res\.)?body:$/i;

/** Where the /regex/flags starting at `start` ends: past its closing slash (not escaped, not in a [class]) and flags; -1 if unclosed. */
function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let j = i + 1;
      while (j < text.length && /[a-z]/i.test(text[j]!)) j++;
      return j;
    }
  }
  return -1;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ text: c, at: i, quoted: false });
      i++;
      continue;
    }
    const start = i;
    let word = '';
    const quoted = c === '"';
    while (i < text.length && !/[\s()]/.test(text[i]!)) {
      if (text[i] === '/' && BODY_KEY.test(word)) {
        // A regular expression after body: reads to its closing slash, so its groups and spaces stay in it.
        const end = regexEnd(text, i);
        if (end === -1) throw new FilterError('a regular expression is not closed: end it with / (and flags such as i)', i);
        word += text.slice(i, end);
        i = end;
        continue;
      }
      if (text[i] === '"') {
        // Inside quotes, spaces and parentheses are part of the value.
        const end = text.indexOf('"', i + 1);
        if (end === -1) throw new FilterError('a quote is not closed', i);
        word += text.slice(i + 1, end);
        i = end + 1;
      } else word += text[i++];
    }
    out.push({ text: word, at: start, quoted });
  }
  return out;
}

export function parseFilter(text: string): Node | undefined {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t !== undefined && !t.quoted && t.text.toLowerCase() === w;
  const orExpr = (): Node => {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): Node => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.text === ')' || isWord(t, 'or')) return left;
      if (isWord(t, 'and')) pos++;
      left = { kind: 'and', left, right: unary() };
    }
  };
  const unary = (): Node => {
    const t = peek();
    if (!t) throw new FilterError('the filter ends where a term was expected', text.length);
    if (isWord(t, 'not')) {
      pos++;
      return { kind: 'not', inner: unary() };
    }
    if (t.text === '(') {
      pos++;
      const inner = orExpr();
      if (peek()?.text !== ')') throw new FilterError('a "(" is not closed', t.at);
      pos++;
      return inner;
    }
    if (t.text === ')') throw new FilterError('a ")" without its "("', t.at);
    if (isWord(t, 'and') || isWord(t, 'or')) throw new FilterError(`"${t.text}" needs a term before it`, t.at);
    pos++;
    if (!t.quoted && (t.text.startsWith('-') || t.text.startsWith('!')) && t.text.length > 1) return { kind: 'not', inner: term({ ...t, text: t.text.slice(1), at: t.at + 1 }) };
    return term(t);
  };
  const term = (t: Token): Node => {
    const colon = t.quoted ? -1 : t.text.indexOf(':');
    const key = colon > 0 ? t.text.slice(0, colon).toLowerCase() : '';
    if (colon > 0 && !(FILTER_KEYS as readonly string[]).includes(key) && !/^https?$/.test(key)) {
      const close = closeMatches(key, FILTER_KEYS);
      throw new FilterError(`unknown key "${key}:"${close.length ? `; did you mean ${close.map((k) => `${k}:`).join(' or ')}?` : ''} Known keys: ${FILTER_KEYS.map((k) => `${k}:`).join(' ')}`, t.at);
    }
    if (colon > 0 && /^https?$/.test(key)) return { kind: 'term', key: '', value: t.text, at: t.at };
    const value = colon > 0 ? t.text.slice(colon + 1) : t.text;
    if (colon > 0 && value === '') throw new FilterError(`"${key}:" needs a value, e.g. ${EXAMPLES[key] ?? `${key}:something`}`, t.at + colon + 1);
    return { kind: 'term', key, value, at: t.at };
  };
  if (tokens.length === 0) return undefined;
  const ast = orExpr();
  if (pos < tokens.length) throw new FilterError(tokens[pos]!.text === ')' ? 'a ")" without its "("' : `unexpected "${tokens[pos]!.text}"`, tokens[pos]!.at);
  return ast;
}

const EXAMPLES: Record<string, string> = {
  method: 'method:PUT,DELETE',
  status: 'status:4xx or status:412',
  path: 'path:/calendars/**/*.ics',
  header: 'header:If-Match or header:Depth=1',
  xml: 'xml:C:calendar-multiget',
  rule: 'rule:caldav/',
  severity: 'severity:warning',
  party: 'party:server',
  has: 'has:findings',
  source: 'source:replayed',
};

// ---- matching -----------------------------------------------------------------------------------

function compile(n: Node): FilterMatcher {
  if (n.kind === 'not') {
    const inner = compile(n.inner);
    return (s) => !inner(s);
  }
  if (n.kind === 'term') return termMatcher(n.key, n.value, n.at);
  const l = compile(n.left);
  const r = compile(n.right);
  return n.kind === 'and' ? (s) => l(s) && r(s) : (s) => l(s) || r(s);
}

const PREFIXES: Record<string, string> = { d: 'DAV:', c: 'urn:ietf:params:xml:ns:caldav', cs: 'http://calendarserver.org/ns/', card: 'urn:ietf:params:xml:ns:carddav' };
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function termMatcher(key: string, value: string, at: number): FilterMatcher {
  const lower = value.toLowerCase();
  const headerTest = (side: 'request' | 'response' | 'both') => {
    const eq = value.indexOf('=');
    const name = (eq === -1 ? value : value.slice(0, eq)).toLowerCase();
    const part = eq === -1 ? undefined : value.slice(eq + 1).toLowerCase();
    const has = (hs: FilterSubject['requestHeaders'] | undefined) => (hs ?? []).some(([n, v]) => n.toLowerCase() === name && (part === undefined || v.toLowerCase().includes(part)));
    return (s: FilterSubject) => (side !== 'response' && has(s.requestHeaders)) || (side !== 'request' && has(s.responseHeaders));
  };
  const bodyTest = (side: 'request' | 'response' | 'both') => {
    const re = /^\/(.+)\/([a-z]*)$/.exec(value);
    let test: (t: string) => boolean;
    if (re) {
      let rx: RegExp;
      try {
        rx = new RegExp(re[1]!, re[2]!.replace(/[gy]/g, ''));
      } catch (err) {
        throw new FilterError(`the regular expression does not compile: ${(err as Error).message}`, at);
      }
      test = (t) => rx.test(t);
    } else test = (t) => t.toLowerCase().includes(lower);
    return (s: FilterSubject) => (side !== 'response' && test(s.requestBody?.() ?? '')) || (side !== 'request' && test(s.responseBody?.() ?? ''));
  };
  switch (key) {
    case '':
      return (s) =>
        s.method.toLowerCase().includes(lower) ||
        s.target.toLowerCase().includes(lower) ||
        (s.status !== undefined && String(s.status).includes(lower)) ||
        s.requestHeaders.some(([n, v]) => `${n}: ${v}`.toLowerCase().includes(lower)) ||
        (s.responseHeaders ?? []).some(([n, v]) => `${n}: ${v}`.toLowerCase().includes(lower));
    case 'method': {
      const set = new Set(value.split(',').filter(Boolean).map((m) => m.toUpperCase()));
      return (s) => set.has(s.method.toUpperCase());
    }
    case 'status': {
      if (lower === 'failed') return (s) => s.failed === true;
      if (lower === 'pending') return (s) => s.status === undefined && s.failed !== true;
      const cls = /^([1-5])xx$/.exec(lower);
      if (cls) return (s) => s.status !== undefined && Math.floor(s.status / 100) === Number(cls[1]);
      if (!/^\d{3}$/.test(value)) throw new FilterError(`status: wants a code (412), a class (4xx), failed or pending, not "${value}"`, at);
      return (s) => s.status === Number(value);
    }
    case 'path': {
      const matches = pathMatcher(value);
      return (s) => {
        const q = s.target.indexOf('?');
        return matches(q < 0 ? s.target : s.target.slice(0, q));
      };
    }
    case 'header':
      return headerTest('both');
    case 'req.header':
      return headerTest('request');
    case 'res.header':
      return headerTest('response');
    case 'body':
      return bodyTest('both');
    case 'req.body':
      return bodyTest('request');
    case 'res.body':
      return bodyTest('response');
    case 'xml': {
      const m = /^([A-Za-z]+):(.+)$/.exec(value);
      const clark = value.startsWith('{') ? value : m && PREFIXES[m[1]!.toLowerCase()] ? `{${PREFIXES[m[1]!.toLowerCase()]}}${m[2]}` : undefined;
      const local = clark ? undefined : value;
      const has = (set: ReadonlySet<string> | undefined) => !!set && (clark ? set.has(clark) : [...set].some((n) => n.slice(n.indexOf('}') + 1) === local));
      return (s) => has(s.xmlElements?.('request')) || has(s.xmlElements?.('response'));
    }
    case 'rule': {
      const prefix = value.endsWith('/');
      return (s) => (s.findings ?? []).some((f) => (prefix ? f.ruleId.startsWith(value) : f.ruleId === value || f.ruleId.includes(value)));
    }
    case 'severity': {
      if (!(lower in SEVERITY_RANK)) throw new FilterError(`severity: is error, warning or info, not "${value}"`, at);
      const min = SEVERITY_RANK[lower as Severity];
      return (s) => (s.findings ?? []).some((f) => SEVERITY_RANK[f.severity] >= min);
    }
    case 'party': {
      const wanted = new Set(lower.split(',').filter(Boolean));
      for (const p of wanted) if (!(PARTIES as readonly string[]).includes(p)) throw new FilterError(`party: is ${PARTIES.slice(0, -1).join(', ')} or ${PARTIES.at(-1)}, not "${p}"`, at);
      return (s) => (s.parties ?? []).some((p) => wanted.has(p));
    }
    case 'has':
      if (lower !== 'findings' && lower !== 'response' && lower !== 'body') throw new FilterError(`has: is findings, response or body, not "${value}"`, at);
      return lower === 'findings' ? (s) => (s.findings ?? []).length > 0 : lower === 'response' ? (s) => s.status !== undefined : (s) => !!(s.requestBody?.() || s.responseBody?.());
    case 'source':
      return (s) => (s.source ?? 'live') === lower;
    default:
      throw new FilterError(`unknown key "${key}:"`, at);
  }
}
