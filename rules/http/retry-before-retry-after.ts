// Flags a client that resends a request sooner than the Retry-After of the 503 or 429 it just got for it.
import { defineRule } from '../engine/define-rule.ts';
import type { ExchangeView } from '../engine/view.ts';
import { rfc } from '../model/spec.ts';

/**
 * Slack for a client that waits exactly the delay: its timer may fire a few milliseconds early.
 * 100 ms is far below any Retry-After a server sends (whole seconds), so a real early retry still shows.
 */
const TOLERANCE_MS = 100;
/**
 * An HTTP-date has whole seconds: the server's Date and Retry-After may each be up to a second off the
 * moment they name, so an HTTP-date gets a second more before a retry counts as early.
 */
const DATE_RESOLUTION_MS = 1000;

const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)/i;

/** Milliseconds since the epoch of an HTTP-date (RFC 9110 §5.6.7, all three forms), or undefined. */
function httpDate(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (v === undefined || !WEEKDAY.test(v)) return undefined;
  // The asctime form names no zone but means GMT; Date.parse would read it in the proxy's local time.
  const t = Date.parse(/ GMT$/i.test(v) ? v : `${v} GMT`);
  return Number.isFinite(t) ? t : undefined;
}

/** When the response head passed the proxy (epoch ms): from then on the client could read Retry-After,
 *  so the delay counts from here (a later moment, such as the proxy's end stamp under load, would
 *  blame a client that waited exactly the delay). */
function responseHead(view: ExchangeView): number {
  const t = view.exchange.timings;
  return t.startedAt + (t.responseStart ?? t.end ?? 0);
}

interface Wait {
  /** Earliest moment (epoch ms, the proxy's clock) a retry may start. */
  readonly notBefore: number;
  readonly tolerance: number;
}

/** What the Retry-After of an answer asks for; undefined when absent or unreadable (nothing is judged). */
function requestedWait(prev: ExchangeView): Wait | undefined {
  const value = prev.resHeader('Retry-After')?.trim();
  if (value === undefined || value === '') return undefined;
  const heard = responseHead(prev);
  if (/^\d+$/.test(value)) return { notBefore: heard + Number(value) * 1000, tolerance: TOLERANCE_MS };
  const at = httpDate(value);
  if (at === undefined) return undefined;
  // The delay an HTTP-date means is counted against the server's own Date header when there is one, so
  // a server clock that is off from the proxy's does not make a patient client look early.
  const serverNow = httpDate(prev.resHeader('Date')) ?? heard;
  return { notBefore: heard + (at - serverNow), tolerance: TOLERANCE_MS + DATE_RESOLUTION_MS };
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(1);

export default defineRule({
  id: 'http/retry-before-retry-after',
  severity: 'warning',
  party: 'client',
  docs: {
    summary: 'After a 503 or 429 with Retry-After, the client sent the same request again before the delay it was given had passed.',
    specs: [rfc(9110, '10.2.3'), rfc(9110, '15.6.4'), rfc(6585, '4')],
    details:
      'Retry-After on a 503 (Service Unavailable) or 429 (Too Many Requests) says how long to wait: delta-seconds, or an HTTP-date. ' +
      'A client that retries sooner adds load to a server that is already refusing it, usually meets the same answer, and, for a 429, ' +
      'may extend its own throttling. davscope compares when the retry arrived with when the head of the answer that set the delay went out, on the ' +
      'proxy\'s clock, allowing 100 ms (and one more second for an HTTP-date, whose resolution is a second); an HTTP-date is read ' +
      'against the answer\'s Date header when it has one. Only the same method on the same URL counts as a retry, and a request that ' +
      'started before the answer\'s head went out is not judged (the client could not have read the header yet). An answer without ' +
      'Retry-After, or with one that is not a number or an HTTP-date, sets no delay and is not judged.',
  },
  messages: {
    early: {
      message: '{method} {path} was sent again {waited}s after a {status} that said Retry-After: {retryAfter} ({wanted}s)',
      fix: 'Wait at least the Retry-After delay before resending (delta-seconds from the answer, or until the HTTP-date), and back off further if the answer repeats.',
    },
  },
  check(view, context) {
    const recent = context.recent;
    const started = view.exchange.timings.startedAt;
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      if (prev.method !== view.method || prev.key !== view.key) continue;
      // Only the latest earlier try of this request is the one being retried.
      if (prev.status !== 503 && prev.status !== 429) return [];
      const wait = requestedWait(prev);
      if (wait === undefined) return [];
      // Started before the head carrying Retry-After went out: sent in parallel, not a reaction.
      const heard = responseHead(prev);
      if (started < heard) return [];
      if (started + wait.tolerance >= wait.notBefore) return [];
      return [
        {
          messageId: 'early',
          data: {
            method: view.method,
            path: view.path,
            status: prev.status,
            retryAfter: prev.resHeader('Retry-After')!.trim(),
            waited: seconds(started - heard),
            wanted: seconds(wait.notBefore - heard),
          },
          location: { side: 'request' },
        },
      ];
    }
    return [];
  },
});
