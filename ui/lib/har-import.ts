// Reads a HAR 1.2 log into wire exchanges for the page: HAR keeps headers in order with their case,
// bodies as text or base64, and timings; what it cannot say (truncation, raw request-target) is guessed plainly.
import type { HeaderPair, Timings } from '../../rules/model/exchange.ts';
import type { WireBody, WireExchange } from '../../rules/model/wire.ts';

interface HarHeader { name?: unknown; value?: unknown }
interface HarEntry {
  startedDateTime?: unknown;
  time?: unknown;
  request?: { method?: unknown; url?: unknown; httpVersion?: unknown; headers?: HarHeader[]; postData?: { text?: unknown; encoding?: unknown } };
  response?: { status?: unknown; statusText?: unknown; httpVersion?: unknown; headers?: HarHeader[]; content?: { size?: unknown; text?: unknown; encoding?: unknown }; bodySize?: unknown };
  timings?: { send?: unknown; wait?: unknown; receive?: unknown };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

function headers(list: HarHeader[] | undefined): HeaderPair[] {
  return (Array.isArray(list) ? list : []).map((h) => [str(h.name), str(h.value)] as const);
}

function body(text: unknown, encoding: unknown, size: number | undefined): WireBody {
  if (typeof text !== 'string') return size ? { kind: 'unavailable', size, reason: 'not-recorded' } : { kind: 'none' };
  if (text === '' && !size) return { kind: 'none' };
  const isBase64 = encoding === 'base64';
  const length = isBase64 ? Math.floor((text.replace(/=+$/, '').length * 3) / 4) : new TextEncoder().encode(text).length;
  return { kind: 'captured', size: Math.max(size ?? 0, length), truncated: (size ?? 0) > length, encoding: isBase64 ? 'base64' : 'utf8', data: text };
}

/** Versions HAR tools write as "HTTP/1.1" or "h2"; the model keeps "1.1". */
function version(v: unknown): string {
  const s = str(v, '1.1');
  return s.replace(/^HTTP\//i, '') || '1.1';
}

export function harToWire(doc: unknown): { exchanges: WireExchange[]; warnings: string[] } {
  const log = (doc as { log?: { entries?: unknown; version?: unknown } } | null)?.log;
  if (!log || !Array.isArray(log.entries)) throw new Error('not a HAR file: no log.entries list');
  const warnings: string[] = [];
  const exchanges: WireExchange[] = [];
  (log.entries as HarEntry[]).forEach((e, i) => {
    const req = e.request ?? {};
    let url: URL;
    try {
      url = new URL(str(req.url));
    } catch {
      warnings.push(`entry ${i + 1}: its URL ${JSON.stringify(req.url)} is not absolute; skipped`);
      return;
    }
    const startedAt = Date.parse(str(e.startedDateTime)) || 0;
    const send = num(e.timings?.send) ?? 0;
    const wait = num(e.timings?.wait);
    const total = num(e.time);
    const timings: Timings = {
      startedAt,
      requestEnd: send,
      ...(wait !== undefined ? { responseStart: send + wait } : {}),
      ...(total !== undefined ? { end: total } : {}),
    };
    const res = e.response;
    const status = num(res?.status);
    exchanges.push({
      id: String(i + 1),
      seq: i + 1,
      source: 'import',
      upstream: `${url.origin}/`,
      request: { method: str(req.method, 'GET'), target: url.pathname + url.search, httpVersion: version(req.httpVersion), headers: headers(req.headers), body: body(req.postData?.text, req.postData?.encoding, undefined) },
      // HAR marks a failed request with status 0 and no response worth keeping.
      ...(res && status
        ? { response: { status, statusText: str(res.statusText), httpVersion: version(res.httpVersion), headers: headers(res.headers), body: body(res.content?.text, res.content?.encoding, num(res.content?.size)) } }
        : { error: { phase: 'response' as const, code: 'HAR_NO_RESPONSE', message: 'the HAR entry has no response (status 0)' } }),
      timings,
      findings: [],
    });
  });
  return { exchanges, warnings };
}
