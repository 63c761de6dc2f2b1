// Rule tests: If-Match on scheduling objects where If-Schedule-Tag-Match fits.
import rule from '../../../rules/caldav/scheduling-update-uses-if-match.ts';
import { run } from '../tester.ts';
import { get, options, put } from '../factories.ts';

const autoSchedule = options({ responseHeaders: { DAV: '1, 2, calendar-access, calendar-auto-schedule' } });
const tagged = get({ responseHeaders: { 'Content-Type': 'text/calendar', ETag: '"e1"', 'Schedule-Tag': '"s1"' } });

run(rule, {
  valid: [
    { name: 'If-Schedule-Tag-Match on a scheduling object', history: [autoSchedule, tagged], exchange: put({ headers: { 'If-Schedule-Tag-Match': '"s1"' }, status: 204 }) },
    { name: 'If-Match on a server without auto-schedule', history: [tagged], exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
    { name: 'If-Match on an object without Schedule-Tag', history: [autoSchedule, get()], exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }) },
  ],
  invalid: [
    { name: 'If-Match on a tagged object on an auto-schedule server', history: [autoSchedule, tagged], exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204 }), findings: [{ messageId: 'if-match', severity: 'info', data: { tag: '"s1"' } }] },
  ],
});
