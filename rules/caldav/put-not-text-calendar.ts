// Flags a PUT into a calendar whose media type or body is not text/calendar iCalendar.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { mainComponents } from '../parse/ical/query.ts';

export default defineRule({
  id: 'caldav/put-not-text-calendar',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'Calendar objects are stored with Content-Type text/calendar and a BEGIN:VCALENDAR body.',
    specs: [rfc(4791, '5.2.4'), rfc(4791, '5.3.2.1'), rfc(5545, '8.1')],
    details:
      'By default a calendar collection accepts only text/calendar version 2.0 (CALDAV:supported-calendar-data). Another media type ' +
      '(text/plain from Outlook publishing, an XML type by mistake) or a body that is not a VCALENDAR is refused with 403/415, or stored ' +
      'as something no client reads. A component= parameter must match the body. Seen in lambdabaa/dav#101 and Kozea/Radicale PR #418.',
  },
  messages: {
    type: { message: 'PUT {path} with Content-Type {type}, not text/calendar', fix: 'Send Content-Type: text/calendar; charset=utf-8.' },
    body: { message: 'PUT {path} as text/calendar but the body does not start with BEGIN:VCALENDAR', fix: 'Send a complete iCalendar object (BEGIN:VCALENDAR ... END:VCALENDAR).' },
    component: { message: 'PUT {path} declares component={declared} but the body holds {actual}', fix: 'Make the component parameter match the body, or leave it out.' },
  },
  check(view, context) {
    if (!view.hasBody('request')) return [];
    const parentIsCalendar = context.isCalendar(view.path.replace(/[^/]+$/, ''));
    const looksIcal = view.looksLikeIcal('request');
    const type = view.requestType;
    if (!looksIcal && !parentIsCalendar) return [];
    const out: Report<'type' | 'body' | 'component'>[] = [];
    const location = { side: 'request' as const, header: 'Content-Type' };
    if (type?.type !== 'text/calendar' && !(type?.type === 'application/calendar+json' && !looksIcal)) {
      out.push({ messageId: 'type', data: { path: view.path, type: type?.type ?? '(none)' }, location });
      return out;
    }
    const text = view.text('request')?.text;
    if (text !== undefined && !/^\ufeff?\s*BEGIN:VCALENDAR/i.test(text)) {
      out.push({ messageId: 'body', data: { path: view.path }, location: { side: 'request' } });
      return out;
    }
    const declared = type.params.component?.toUpperCase();
    const parsed = view.ical('request');
    if (declared && parsed?.ok) {
      const actual = [...new Set(mainComponents(parsed.doc).map((c) => c.name))];
      if (actual.length && !actual.includes(declared)) out.push({ messageId: 'component', data: { path: view.path, declared, actual: actual.join(', ') }, location });
    }
    return out;
  },
});
