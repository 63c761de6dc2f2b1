// Rule tests: free-busy POSTs to the scheduling outbox.
import rule from '../../../rules/caldav/outbox-post-shape.ts';
import { run } from '../tester.ts';
import { ical, icalEvent, post } from '../factories.ts';

const fb = (method: string | null, start = '20250101T000000Z') =>
  ical('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', ...(method ? [`METHOD:${method}`] : []), 'BEGIN:VFREEBUSY', 'UID:fb1', 'DTSTAMP:20250101T000000Z', `DTSTART:${start}`, 'DTEND:20250102T000000Z', 'ORGANIZER:mailto:alice@example.com', 'ATTENDEE:mailto:bob@example.com', 'END:VFREEBUSY', 'END:VCALENDAR');

run(rule, {
  valid: [
    { name: 'a well-formed free-busy request', exchange: post({ body: fb('REQUEST') }) },
    { name: 'a POST of an event (not free-busy)', exchange: post({ body: icalEvent({ calendarExtra: ['METHOD:REQUEST'] }) }) },
  ],
  invalid: [
    { name: 'a free-busy request without METHOD', exchange: post({ body: fb(null), status: 400 }), findings: [{ messageId: 'method', data: { value: 'none' } }] },
    { name: 'a floating DTSTART', exchange: post({ body: fb('REQUEST', '20250101T000000') }), findings: [{ messageId: 'not-utc', data: { name: 'DTSTART' } }] },
    { name: 'a text/plain POST', exchange: post({ body: fb('REQUEST'), headers: { 'Content-Type': 'text/plain' } }), findings: [{ messageId: 'type' }] },
    { name: 'draft Originator and Recipient headers', exchange: post({ body: fb('REQUEST'), headers: { 'Content-Type': 'text/calendar', Originator: 'mailto:alice@example.com', Recipient: 'mailto:bob@example.com' } }), findings: [{ messageId: 'draft-headers', data: { header: 'Originator' } }, { messageId: 'draft-headers', data: { header: 'Recipient' } }] },
  ],
});
