// Rule tests: Schedule-Tag absent on scheduling objects.
import rule from '../../../rules/caldav/schedule-tag-missing.ts';
import { run } from '../tester.ts';
import { get, icalEvent, options, put } from '../factories.ts';

const autoSchedule = options({ responseHeaders: { DAV: '1, 2, calendar-access, calendar-auto-schedule' } });
const meeting = icalEvent({ extra: ['ORGANIZER:mailto:alice@example.com', 'ATTENDEE:mailto:bob@example.com'] });

run(rule, {
  valid: [
    { name: 'a meeting PUT answered with Schedule-Tag', history: [autoSchedule], exchange: put({ body: meeting, responseHeaders: { ETag: '"e1"', 'Schedule-Tag': '"s1"' } }) },
    { name: 'a plain event without ORGANIZER', history: [autoSchedule], exchange: put() },
    { name: 'a meeting on a server without auto-schedule', exchange: put({ body: meeting }) },
  ],
  invalid: [
    { name: 'a meeting PUT without Schedule-Tag', history: [autoSchedule], exchange: put({ body: meeting }), findings: [{ messageId: 'missing', severity: 'warning', data: { method: 'PUT' } }] },
    { name: 'a meeting GET without Schedule-Tag', history: [autoSchedule], exchange: get({ responseBody: meeting }), findings: [{ messageId: 'missing', data: { method: 'GET' } }] },
  ],
});
