// Flags iCalendar request bodies in a charset other than UTF-8, with a byte order mark, or with invalid bytes.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'ical/charset-or-bom',
  severity: 'warning',
  party: 'by-side',
  methods: ['PUT', 'POST'],
  docs: {
    summary: 'iCalendar is UTF-8 without a byte order mark.',
    specs: [rfc(5545, '3.1.4'), rfc(5545, '8.1')],
    details:
      'RFC 5545 makes UTF-8 the default and deprecates other charsets. A UTF-8 BOM before BEGIN:VCALENDAR breaks many parsers ' +
      '(franc6/ics_calendar#75); bytes that are not valid in the declared charset get rejected or garbled (SOGo in ' +
      'nemomobile/buteo-sync-plugin-caldav PR #33).',
  },
  messages: {
    charset: { message: 'iCalendar sent with charset={charset}', fix: 'Send iCalendar as UTF-8 (Content-Type: text/calendar; charset=utf-8).' },
    bom: { message: 'iCalendar body starts with a UTF-8 byte order mark', fix: 'Strip the BOM before sending.' },
    invalid: { message: 'iCalendar body bytes are not valid {charset}', fix: 'Encode the body as UTF-8.' },
  },
  check(view) {
    if (!view.looksLikeIcal('request')) return [];
    const out: Report<'charset' | 'bom' | 'invalid'>[] = [];
    const charset = view.requestType?.charset;
    if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') out.push({ messageId: 'charset', data: { charset }, location: { side: 'request', header: 'Content-Type' } });
    const bytes = view.bytes('request');
    if (bytes && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) out.push({ messageId: 'bom', location: { side: 'request' } });
    const t = view.text('request');
    if (t && !t.valid) out.push({ messageId: 'invalid', data: { charset: t.charset }, location: { side: 'request' } });
    return out;
  },
});
