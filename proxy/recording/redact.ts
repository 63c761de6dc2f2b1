// Redaction, on by default for recordings and exports: files get shared in bug reports, and a
// captured Authorization header is a working password. --keep-secrets turns it off.
import type { Body, Exchange, Finding, HeaderPair, HeaderList, TransportError } from '../../rules/model/exchange.ts';
import { hideQuerySecrets } from '../../rules/model/url.ts';
import { MIN_SEARCHED_SECRET, SecretSet } from './secret-set.ts';

export const REDACTED = '[redacted]';

/**
 * Headers whose whole value is a credential, redacted with no option: API keys and session tokens
 * that services and reverse proxies use beside Authorization. --redact-header adds to these.
 */
export const DEFAULT_REDACTED_HEADERS: readonly string[] = ['X-Auth-Token', 'X-Api-Key', 'Api-Key', 'X-Access-Token', 'X-CSRF-Token', 'X-XSRF-Token', 'X-Amz-Security-Token'];

export interface RedactOptions {
  /** More header names (any case) whose values are replaced entirely (--redact-header). */
  readonly headers?: readonly string[];
  /**
   * The secrets of the whole file so far: those found in this exchange are added, and all are
   * scrubbed from its bodies and messages. Without it, only the exchange's own are.
   */
  readonly secrets?: SecretSet;
}

// The password runs to the last "@" before the path, as WHATWG URL reads it.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s:]*):([^/?#\s]*)@/gi;

function decodeBasic(token: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64').toString('utf8');
  return text.includes(':') && !text.includes('\uFFFD') ? text : undefined;
}

/** `Basic alice:[redacted]`, `Bearer [redacted]`, `Digest username="alice", ..., response="[redacted]"`. */
export function redactAuthorization(value: string, secrets: Set<string>): string {
  const m = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s+([\s\S]*))?$/.exec(value);
  if (!m || m[2] === undefined) {
    secrets.add(value.trim());
    return REDACTED;
  }
  const [, scheme, credentials] = m;
  // Already redacted (a recording being exported): redacting again would lose the user name.
  if (credentials.trim() === REDACTED || /^[^:\s]*:\[redacted\]$/.test(credentials.trim())) return value;
  secrets.add(credentials.trim());
  if (scheme.toLowerCase() === 'basic') {
    const decoded = decodeBasic(credentials.trim());
    if (decoded !== undefined) {
      const colon = decoded.indexOf(':');
      secrets.add(decoded);
      secrets.add(decoded.slice(colon + 1));
      return `${scheme} ${decoded.slice(0, colon)}:${REDACTED}`;
    }
    return `${scheme} ${REDACTED}`;
  }
  if (scheme.toLowerCase() === 'digest') {
    // The username and realm help debugging; the response hash can be attacked offline.
    return `${scheme} ${credentials.replace(/(\bresponse\s*=\s*)("[^"]*"|[^,\s]*)/i, (_all, key: string, v: string) => {
      secrets.add(v.replace(/"/g, ''));
      return `${key}"${REDACTED}"`;
    })}`;
  }
  return `${scheme} ${REDACTED}`;
}

/** `a=1; b=2` → `a=[redacted]; b=[redacted]`: the names say which session, the values are the keys. */
export function redactCookie(value: string, secrets: Set<string>): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      secrets.add(part.slice(eq + 1).trim());
      return `${part.slice(0, eq)}=${REDACTED}`;
    })
    .join(';');
}

/** Only the first pair of a Set-Cookie is the cookie; the attributes (Path, HttpOnly...) stay. */
export function redactSetCookie(value: string, secrets: Set<string>): string {
  const semi = value.indexOf(';');
  const first = semi < 0 ? value : value.slice(0, semi);
  return redactCookie(first, secrets) + (semi < 0 ? '' : value.slice(semi));
}

/** `http://alice:pw@host/` → `http://alice:[redacted]@host/`, wherever a URL appears in the text. */
export function redactUrlPasswords(text: string, secrets: Set<string>): string {
  return text.replace(URL_PASSWORD, (_all, scheme: string, user: string, password: string) => {
    if (password === REDACTED) return `${scheme}${user}:${password}@`;
    secrets.add(password);
    try {
      secrets.add(decodeURIComponent(password));
    } catch {
      // a malformed escape: the raw form is already listed
    }
    return `${scheme}${user}:${REDACTED}@`;
  });
}

/** `?access_token=abc` → `?access_token=[redacted]` (see SECRET_QUERY_NAMES), wherever it appears in the text. */
export function redactQuerySecrets(text: string, secrets: Set<string>): string {
  return hideQuerySecrets(text, (v) => secrets.add(v));
}

/** A URL (or a text holding URLs) without its passwords and query tokens. */
function redactUrl(text: string, secrets: Set<string>): string {
  return redactQuerySecrets(redactUrlPasswords(text, secrets), secrets);
}

const DEFAULT_SET = new Set(DEFAULT_REDACTED_HEADERS.map((h) => h.toLowerCase()));

/** The lower-case names whose values are replaced entirely: the defaults and those given. */
function whollyRedacted(extra: readonly string[] | undefined): ReadonlySet<string> {
  return extra?.length ? new Set([...DEFAULT_SET, ...extra.map((h) => h.toLowerCase())]) : DEFAULT_SET;
}

function redactHeaders(headers: HeaderList, secrets: Set<string>, whole: ReadonlySet<string> = DEFAULT_SET): HeaderPair[] {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    if (whole.has(lower)) {
      if (value.trim() !== REDACTED) secrets.add(value.trim());
      return [name, REDACTED];
    }
    if (lower === 'authorization' || lower === 'proxy-authorization') return [name, redactAuthorization(value, secrets)];
    if (lower === 'cookie') return [name, redactCookie(value, secrets)];
    if (lower === 'set-cookie') return [name, redactSetCookie(value, secrets)];
    // Location, Destination, Content-Location, Referer...: any URL with a password or a token in it.
    return [name, redactUrl(value, secrets)];
  });
}

/** Longest first, so "alice:secret" goes before "secret" leaves a stray "alice:" behind; short ones left out. */
function searchableSecrets(found: Iterable<string>): string[] {
  return [...found].filter((s) => s.length >= MIN_SEARCHED_SECRET && s !== REDACTED).sort((a, b) => b.length - a.length);
}

/** The exchange's own secrets, and the session's when there is one (a secret dropped from it still counts here). */
function allSecrets(found: Set<string>, session: SecretSet | undefined): readonly string[] {
  if (!session) return searchableSecrets(found);
  for (const s of found) session.add(s);
  const known = session.searchable();
  const dropped = [...found].filter((s) => s.length >= MIN_SEARCHED_SECRET && s !== REDACTED && !known.includes(s));
  return dropped.length ? searchableSecrets([...known, ...dropped]) : known;
}

function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

function scrubBytes(bytes: Uint8Array, secrets: readonly string[]): Uint8Array | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!secrets.some((s) => buf.includes(s))) return undefined;
  // latin1 maps bytes one to one, so the rest of the body stays exactly as it was.
  let text = buf.toString('latin1');
  for (const s of secrets) text = text.split(Buffer.from(s, 'utf8').toString('latin1')).join(REDACTED);
  return Buffer.from(text, 'latin1');
}

/** A body that echoes a secret (a server's debug page, an echo endpoint) is scrubbed too. */
function scrubBody(body: Body, secrets: readonly string[]): Body {
  if (body.kind !== 'captured' || secrets.length === 0) return body;
  const decoded = body.decoded ? scrubBytes(body.decoded, secrets) : undefined;
  const bytes = scrubBytes(body.bytes, secrets);
  if (decoded && body.contentEncoding) {
    // The compressed wire bytes cannot be scrubbed without re-encoding them: keep none.
    return { kind: 'unavailable', size: body.size, reason: 'not-recorded' };
  }
  if (!bytes && !decoded) return body;
  const next = bytes ?? body.bytes;
  return { ...body, bytes: next, size: body.size + (next.length - body.bytes.length), ...(decoded ? { decoded } : {}) };
}

function scrubFinding(f: Finding, secrets: readonly string[]): Finding {
  return { ...f, message: scrubText(f.message, secrets), explanation: scrubText(f.explanation, secrets), fix: scrubText(f.fix, secrets) };
}

/** Whether the request's credentials were redacted, so re-sending it needs credentials given anew (--auth). */
export function authorizationRedacted(ex: Exchange): boolean {
  return ex.request.headers.some(([n, v]) => n.toLowerCase() === 'authorization' && v.includes(REDACTED));
}

/** The exchange with every credential replaced by [redacted]; the input is not changed. */
export function redactExchange(ex: Exchange, options: RedactOptions = {}): Exchange {
  const found = new Set<string>();
  const whole = whollyRedacted(options.headers);
  const requestHeaders = redactHeaders(ex.request.headers, found, whole);
  const target = redactUrl(ex.request.target, found);
  const upstream = redactUrl(ex.upstream, found);
  const responseHeaders = ex.response ? redactHeaders(ex.response.headers, found, whole) : undefined;
  const searchable = allSecrets(found, options.secrets);
  const error: TransportError | undefined = ex.error ? { ...ex.error, message: scrubText(redactUrl(ex.error.message, found), searchable) } : undefined;
  return {
    ...ex,
    upstream,
    request: { ...ex.request, target, headers: requestHeaders, body: scrubBody(ex.request.body, searchable) },
    ...(ex.response && responseHeaders ? { response: { ...ex.response, headers: responseHeaders, body: scrubBody(ex.response.body, searchable) } } : {}),
    ...(error ? { error } : {}),
    findings: ex.findings.map((f) => scrubFinding(f, searchable)),
  };
}

/**
 * What the console prints of an exchange: the request-target and the finding messages without the
 * credentials the exchange carries (headers and URLs only: bodies are not searched, the console
 * line must stay cheap).
 */
export function consoleRedaction(ex: Exchange, headers?: readonly string[]): { target: string; message(f: Finding): string } {
  const found = new Set<string>();
  redactHeaders(ex.request.headers, found, whollyRedacted(headers));
  const target = redactUrl(ex.request.target, found);
  const searchable = searchableSecrets(found);
  return { target, message: (f) => scrubText(redactUrl(f.message, found), searchable) };
}

/** Adds an exchange's credentials (headers and URLs) to the set without redacting anything: an export's first pass. */
export function collectSecrets(ex: Exchange, secrets: SecretSet, headers?: readonly string[]): void {
  const found = new Set<string>();
  const whole = whollyRedacted(headers);
  redactHeaders(ex.request.headers, found, whole);
  if (ex.response) redactHeaders(ex.response.headers, found, whole);
  redactUrl(ex.request.target, found);
  redactUrl(ex.upstream, found);
  for (const s of found) secrets.add(s);
}
