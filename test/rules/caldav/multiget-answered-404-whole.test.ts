// Rule tests: a calendar-multiget on a collection known to exist is answered 207 with a 404 per missing
// href; a 404 for the whole request is the server's fault. A 404 on an unknown collection passes.
import rule from '../../../rules/caldav/multiget-answered-404-whole.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, multigetBody, multistatus, propfind, report } from '../factories.ts';

const MISSING = '/alice/calendar/gone.ics';
const multiget = (status: number, seq?: number) =>
  report({ ...(seq ? { seq } : {}), headers: {}, body: multigetBody([EVENT, MISSING]), status, responseBody: status === 207 ? multistatus([{ href: MISSING, status: 404 }]) : '' });

run(rule, {
  valid: [
    { name: 'a 207 with a 404 response for the missing href', history: [propfind()], exchange: multiget(207) },
    { name: 'a 404 on a collection the session never saw (it may not exist)', exchange: multiget(404) },
    { name: 'a 404 to a calendar-query (not a multiget)', history: [propfind()], exchange: report({ status: 404, responseBody: '' }) },
  ],
  invalid: [
    {
      name: 'a 404 for the whole multiget on a calendar the session listed',
      history: [propfind({ seq: 1 })],
      exchange: multiget(404, 2),
      findings: [{ messageId: 'whole', data: { count: 2, path: CALENDAR, seen: 1 }, location: { side: 'response' } }],
    },
  ],
});
