// Rule tests: iCalendar bodies that do not parse, sent or received.
import rule from '../../../rules/ical/malformed-body.ts';
import { run } from '../tester.ts';
import { get, ical, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a valid PUT', exchange: put() },
    { name: 'a valid GET answer', exchange: get() },
    { name: 'a plain-text 400 answer to a PUT', exchange: put({ status: 400, responseBody: 'Bad Request' }) },
  ],
  invalid: [
    { name: 'a PUT with END:VTODO closing a VEVENT', exchange: put({ body: ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:1', 'END:VTODO', 'END:VCALENDAR'), status: 400 }), findings: [{ messageId: 'request', severity: 'error' }] },
    { name: 'a GET answer cut before END:VCALENDAR', exchange: get({ responseBody: ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:1', 'END:VEVENT') }), findings: [{ messageId: 'response', message: /never closed/ }] },
  ],
});
