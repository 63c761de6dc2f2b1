// Flags free-busy-query requests without exactly one time-range, and successful answers that are not text/calendar.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { childElements } from '../parse/xml/query.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'caldav/free-busy-shape',
  severity: 'error',
  party: 'by-side',
  methods: ['REPORT'],
  docs: {
    summary: 'A free-busy-query holds exactly one C:time-range, and the server answers 200 text/calendar with one VFREEBUSY, not a multistatus.',
    specs: [rfc(4791, '7.10'), rfc(4791, '9.11')],
    details: 'free-busy-query is the one CalDAV REPORT whose answer is iCalendar, not XML. Radicale once answered it with a multistatus (Kozea/Radicale#34), which clients cannot read.',
  },
  messages: {
    'time-range': { message: 'free-busy-query has {count} C:time-range children (needs exactly one)', fix: 'Send exactly one <C:time-range start="…Z" end="…Z"/>.' },
    response: { message: 'free-busy-query answered {status} with {type}, not text/calendar', fix: 'The server must answer with a VCALENDAR holding one VFREEBUSY.' },
  },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root || root.name !== caldav('free-busy-query')) return [];
    const out: Report<'time-range' | 'response'>[] = [];
    const n = childElements(root, caldav('time-range')).length;
    if (n !== 1) out.push({ messageId: 'time-range', data: { count: n }, location: { side: 'request', xmlElement: caldav('time-range') } });
    if (isSuccess(view.status) && view.responseType?.type !== 'text/calendar')
      out.push({ messageId: 'response', data: { status: view.status!, type: view.responseType?.type ?? '(no type)' }, location: { side: 'response', header: 'Content-Type' } });
    return out;
  },
});
