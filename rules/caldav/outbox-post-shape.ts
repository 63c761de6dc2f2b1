// Flags free-busy requests POSTed to the scheduling outbox that break RFC 6638 §5 (type, METHOD, UTC times, draft headers).
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { calendars, mainComponents, prop } from '../parse/ical/query.ts';
import { isUtcDateTime } from '../lib/checks.ts';

type Id = 'type' | 'method' | 'not-utc' | 'draft-headers';

export default defineRule({
  id: 'caldav/outbox-post-shape',
  severity: 'error',
  party: 'client',
  methods: ['POST'],
  docs: {
    summary: 'A free-busy POST to the scheduling outbox is text/calendar with METHOD:REQUEST and one VFREEBUSY in UTC; the draft Originator/Recipient headers are gone.',
    specs: [rfc(6638, '5'), rfc(6638, '5.2'), rfc(5546, '3.3.2')],
    details:
      'RFC 6638 servers take the originator from ORGANIZER and the recipients from ATTENDEE; the Originator: and Recipient: headers of the ' +
      'old drafts are ignored (apple/ccs-calendarserver#176). The body needs METHOD:REQUEST and UTC DTSTART/DTEND, or the server answers ' +
      '400 CALDAV:valid-scheduling-message.',
  },
  messages: {
    type: { message: 'Outbox POST sent as {type}, not text/calendar', fix: 'Send Content-Type: text/calendar.' },
    method: { message: 'Outbox POST without METHOD:REQUEST (found {value})', fix: 'Add METHOD:REQUEST to the VCALENDAR.' },
    'not-utc': { message: 'VFREEBUSY {name}:{value} is not UTC', fix: 'Write DTSTART and DTEND in UTC (…Z).' },
    'draft-headers': { message: 'Outbox POST carries the draft-era {header} header, which RFC 6638 servers ignore', fix: 'Drop Originator/Recipient; put ORGANIZER and ATTENDEE in the body.' },
  },
  check(view) {
    const r = view.ical('request');
    if (!r?.ok) return [];
    const fb = mainComponents(r.doc).find((c) => c.name === 'VFREEBUSY');
    if (!fb) return [];
    const out: Report<Id>[] = [];
    const type = view.requestType?.type;
    if (type !== 'text/calendar') out.push({ messageId: 'type', data: { type: type ?? '(none)' }, location: { side: 'request', header: 'Content-Type' } });
    const method = calendars(r.doc).map((c) => prop(c, 'METHOD')?.value.trim().toUpperCase()).find(Boolean);
    if (method !== 'REQUEST') out.push({ messageId: 'method', data: { value: method ?? 'none' }, location: { side: 'request', icalProperty: 'METHOD' } });
    for (const name of ['DTSTART', 'DTEND']) {
      const p = prop(fb, name);
      if (p && !isUtcDateTime(p.value.trim())) out.push({ messageId: 'not-utc', data: { name, value: p.value.trim() }, location: { side: 'request', icalProperty: name } });
    }
    for (const header of ['Originator', 'Recipient'])
      if (view.reqHeader(header) !== undefined) out.push({ messageId: 'draft-headers', severity: 'warning', data: { header }, location: { side: 'request', header } });
    return out;
  },
});
