// Rule tests: iCalendar PUT to a collection URL (Radicale replaces the whole calendar).
import rule from '../../../rules/caldav/object-put-to-collection-url.ts';
import { run } from '../tester.ts';
import { CALENDAR, propfind, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a PUT to an object URL', exchange: put() },
    { name: 'a PUT of non-calendar data to a folder (plain WebDAV)', exchange: put({ path: '/files/', body: 'hello', headers: { 'Content-Type': 'text/plain' } }) },
  ],
  invalid: [
    { name: 'a PUT of an event to the calendar URL', exchange: put({ path: CALENDAR }), findings: [{ messageId: 'collection', severity: 'error', data: { path: CALENDAR } }] },
    { name: 'a PUT to a known collection without its slash', history: [propfind()], exchange: put({ path: '/alice/calendar' }), findings: [{ messageId: 'collection', data: { path: CALENDAR } }] },
  ],
});
