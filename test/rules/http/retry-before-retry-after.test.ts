// Rule tests: retries sent before the Retry-After of a 503 or 429 had passed, and the retries that waited.
import rule from '../../../rules/http/retry-before-retry-after.ts';
import type { Exchange } from '../../../rules/model/exchange.ts';
import { run } from '../tester.ts';
import { CALENDAR, CLOCK, EVENT, get, put, report } from '../factories.ts';

// The factory's exchanges send their response head 5 ms after they start; a retry's start is counted from there.
const at = (seconds: number): number => CLOCK + seconds * 1000;
const unavailable = (retryAfter: string | undefined, extra: Record<string, string> = {}): Exchange =>
  put({ startedAt: at(0), status: 503, responseHeaders: { ...(retryAfter === undefined ? {} : { 'Retry-After': retryAfter }), ...extra } });
const retry = (seconds: number): Exchange => put({ startedAt: at(seconds) });
const injected = (e: Exchange): Exchange => ({ ...e, source: 'injected' });

run(rule, {
  valid: [
    { name: 'a retry 120 s after a 503 with Retry-After: 120', history: [unavailable('120')], exchange: retry(120.1) },
    {
      name: 'a retry exactly 5 s after the 503\'s head, though the proxy stamped its end 800 ms later (a loaded proxy)',
      history: [{ ...unavailable('5'), timings: { startedAt: at(0), requestEnd: 1, responseStart: 5, end: 805 } }],
      exchange: put({ startedAt: at(5) + 5 }),
    },
    { name: 'a retry that waited the delay to the millisecond but for the 100 ms tolerance', history: [unavailable('5')], exchange: put({ startedAt: at(5) - 50 }) },
    { name: 'a quick retry after a 503 without Retry-After', history: [unavailable(undefined)], exchange: retry(1) },
    { name: 'a quick retry after a 503 whose Retry-After is neither a number nor a date', history: [unavailable('soon')], exchange: retry(1) },
    { name: 'a quick retry after a 500 with Retry-After (only 503 and 429 are judged)', history: [put({ startedAt: at(0), status: 500, responseHeaders: { 'Retry-After': '60' } })], exchange: retry(1) },
    { name: 'another URL right after a 503 with Retry-After: 60', history: [unavailable('60')], exchange: put({ path: '/alice/calendar/event-2.ics', startedAt: at(1) }) },
    { name: 'another method on the same URL right after a 503 with Retry-After: 60', history: [unavailable('60')], exchange: get({ startedAt: at(1) }) },
    {
      name: 'a retry after a later try of the same request succeeded',
      history: [unavailable('60'), retry(3)],
      exchange: retry(3.5),
    },
    {
      name: 'a request that started before the 503\'s head went out (sent in parallel, not a reaction)',
      history: [put({ startedAt: at(0), status: 503, responseHeaders: { 'Retry-After': '60' } })],
      exchange: put({ startedAt: at(0) + 3 }),
    },
    {
      name: 'a retry at the HTTP-date, counted from the server\'s Date even though the server clock runs an hour ahead',
      history: [unavailable('Wed, 15 Jan 2025 10:00:30 GMT', { Date: 'Wed, 15 Jan 2025 10:00:00 GMT' })],
      exchange: retry(30),
    },
  ],
  invalid: [
    {
      name: 'a live server\'s 503 with Retry-After: 120 and the PUT resent 2 s later',
      history: [unavailable('120')],
      exchange: retry(2),
      findings: [{ messageId: 'early', severity: 'warning', data: { method: 'PUT', path: EVENT, status: 503, retryAfter: '120', waited: '2.0', wanted: '120.0' } }],
    },
    {
      name: 'an injected 503 with Retry-After: 120 and the PUT resent 2 s later (judged exactly as a live one)',
      history: [injected(unavailable('120'))],
      exchange: retry(2),
      findings: [{ messageId: 'early', data: { waited: '2.0' } }],
    },
    {
      name: 'a retry stamped after the 503\'s head but before the proxy stamped its end (a loaded proxy; vdirsyncer retries at once)',
      history: [unavailable('60')],
      exchange: put({ startedAt: at(0) + 5.5 }),
      findings: [{ messageId: 'early', data: { waited: '0.0', wanted: '60.0' } }],
    },
    {
      name: 'a 429 on a REPORT with Retry-After: 10 and the REPORT resent 5 s later',
      history: [report({ startedAt: at(0), status: 429, responseHeaders: { 'Retry-After': '10' } })],
      exchange: report({ startedAt: at(5) }),
      findings: [{ messageId: 'early', data: { method: 'REPORT', path: CALENDAR, status: 429, wanted: '10.0' } }],
    },
    {
      name: 'a 503 with an HTTP-date 60 s after its Date and a retry 10 s later',
      history: [unavailable('Wed, 15 Jan 2025 09:01:00 GMT', { Date: 'Wed, 15 Jan 2025 09:00:00 GMT' })],
      exchange: retry(10),
      findings: [{ messageId: 'early', data: { wanted: '60.0', waited: '10.0' } }],
    },
    {
      name: 'a 503 with an HTTP-date in the obsolete asctime form (GMT, though it names no zone) and a retry 10 s later',
      history: [unavailable('Wed Jan 15 09:01:00 2025')],
      exchange: retry(10),
      findings: [{ messageId: 'early', data: { wanted: '60.0' } }],
    },
    {
      name: 'a 503 with an HTTP-date and no Date header, and a retry well before that date',
      history: [unavailable('Wed, 15 Jan 2025 09:01:00 GMT')],
      exchange: retry(10),
      findings: [{ messageId: 'early' }],
    },
    {
      name: 'a second 503 after an early retry, and a third try again too early',
      history: [unavailable('30'), put({ startedAt: at(1), status: 503, responseHeaders: { 'Retry-After': '30' } })],
      exchange: retry(2),
      findings: [{ messageId: 'early', data: { waited: '1.0' } }],
    },
  ],
});
