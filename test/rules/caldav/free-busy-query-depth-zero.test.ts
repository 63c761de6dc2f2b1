// Rule tests: a free-busy-query on a calendar collection needs Depth: 1; servers answer Depth: 0 differently.
import rule from '../../../rules/caldav/free-busy-query-depth-zero.ts';
import { run } from '../tester.ts';
import { CALENDAR, CAL_NS, DAV_NS, EVENT, report } from '../factories.ts';

const FREE_BUSY = `<?xml version="1.0" encoding="utf-8"?>\n<C:free-busy-query ${DAV_NS} ${CAL_NS}><C:time-range start="20250120T000000Z" end="20250127T000000Z"/></C:free-busy-query>`;
const fb = (headers: Record<string, string>, path = CALENDAR) => report({ path, headers, body: FREE_BUSY, status: 200, responseHeaders: { 'Content-Type': 'text/calendar' }, responseBody: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VFREEBUSY\r\nDTSTAMP:20250115T090000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n' });

run(rule, {
  valid: [
    { name: 'a free-busy-query with Depth: 1', exchange: fb({ Depth: '1' }) },
    { name: 'a free-busy-query with Depth: infinity', exchange: fb({ Depth: 'infinity' }) },
    { name: 'a free-busy-query on an object URL (not a collection)', exchange: fb({ Depth: '0' }, EVENT) },
    { name: 'a calendar-query with Depth: 0 (another rule\'s business)', exchange: report({ headers: { Depth: '0' } }) },
  ],
  invalid: [
    { name: 'a free-busy-query with Depth: 0', exchange: fb({ Depth: '0' }), findings: [{ messageId: 'depth', data: { path: CALENDAR, depth: 'Depth: 0' }, location: { side: 'request', header: 'Depth' } }] },
    { name: 'a free-busy-query without Depth (REPORT defaults to 0)', exchange: fb({}), findings: [{ messageId: 'depth', data: { depth: 'no Depth header' } }] },
  ],
});
