// Rule tests: PUT of calendar objects with the wrong media type or body.
import rule from '../../../rules/caldav/put-not-text-calendar.ts';
import { run } from '../tester.ts';
import { icalEvent, propfind, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'text/calendar with a VCALENDAR', exchange: put() },
    { name: 'component=VEVENT matching the body', exchange: put({ headers: { 'If-None-Match': '*', 'Content-Type': 'text/calendar; charset=utf-8; component=VEVENT' } }) },
    { name: 'a plain file PUT outside calendars', exchange: put({ path: '/files/a.txt', body: 'hello' }) },
  ],
  invalid: [
    { name: 'an event sent as text/plain (Outlook publishing)', exchange: put({ headers: { 'Content-Type': 'text/plain' } }), findings: [{ messageId: 'type', severity: 'error', data: { type: 'text/plain' } }] },
    { name: 'a vCard sent into a known calendar', history: [propfind()], exchange: put({ headers: { 'Content-Type': 'text/calendar' }, body: 'BEGIN:VCARD\r\nEND:VCARD\r\n' }), findings: [{ messageId: 'body' }] },
    { name: 'component=VTODO on a VEVENT body', exchange: put({ headers: { 'Content-Type': 'text/calendar; component=VTODO' }, body: icalEvent() }), findings: [{ messageId: 'component', data: { declared: 'VTODO', actual: 'VEVENT' } }] },
  ],
});
