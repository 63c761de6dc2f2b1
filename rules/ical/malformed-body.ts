// The one rule that reports an iCalendar body that fails to parse; every other iCalendar rule skips such bodies.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'ical/malformed-body',
  severity: 'error',
  party: 'by-side',
  explains: 'refusal',
  docs: {
    summary: 'An iCalendar body (PUT, POST, or a GET answer) does not parse: broken BEGIN/END nesting, a line that is not a content line, or a value the parser refuses.',
    specs: [rfc(5545, '3.1'), rfc(5545, '3.4'), rfc(4791, '5.3.2.1')],
    details:
      'A calendar object must be a well-formed iCalendar stream: content lines "NAME;PARAMS:value", folded with a leading space, ' +
      'components opened and closed in order. Servers reject a broken object (403 CALDAV:valid-calendar-data, sabre 415, Radicale 400 ' +
      'with the reason only in its log). A broken object in a GET answer was stored by another client or by the server itself.',
  },
  messages: {
    request: { message: 'The {method} iCalendar body does not parse: {error}', fix: 'Generate iCalendar with a library and validate it before sending.' },
    response: { message: 'The iCalendar returned by {method} {path} does not parse: {error}', fix: 'The stored object is broken; repair or delete it on the server, and find the client that wrote it.' },
  },
  check(view) {
    const out: Report<'request' | 'response'>[] = [];
    const req = view.ical('request');
    if (req && !req.ok && (view.method === 'PUT' || view.method === 'POST'))
      out.push({ messageId: 'request', data: { method: view.method, error: req.error.message }, location: { side: 'request' } });
    const res = view.ical('response');
    if (res && !res.ok && view.status !== undefined && view.status < 300)
      out.push({ messageId: 'response', data: { method: view.method, path: view.path, error: res.error.message }, location: { side: 'response' } });
    return out;
  },
});
