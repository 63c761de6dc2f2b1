// Flags time-range, expand and limit-* attributes that are not UTC date-times in basic format.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { nonUtcTimes } from '../lib/time-range.ts';

export default defineRule({
  id: 'caldav/time-range-not-utc',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  judgesKeptPart: true,
  methods: ['REPORT'],
  docs: {
    summary: 'start and end of C:time-range, C:expand and C:limit-* are UTC date-times in basic format, like 20250101T000000Z.',
    specs: [rfc(4791, '9.9'), rfc(4791, '9.6.5'), rfc(5545, '3.3.5')],
    details:
      'RFC 4791 requires YYYYMMDDTHHMMSSZ. ISO 8601 with dashes and colons, fractional seconds, offsets, floating times or dates are ' +
      'refused (Bedework: CALDAV:valid-filter "Not UTC"), crash servers (sabre 500 InvalidDataException, sabre-io/dav#992), or are ' +
      'silently ignored so the query returns everything (natelindev/tsdav PR #5, Nextcloud).',
  },
  messages: { format: { message: '<{element} {attribute}="{value}"> is not a UTC date-time like 20250101T000000Z', fix: 'Convert to UTC and format as YYYYMMDDTHHMMSSZ.' } },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root) return [];
    return nonUtcTimes(root).map((t) => ({ messageId: 'format' as const, data: { element: `C:${t.element.local}`, attribute: t.attribute, value: t.value }, location: { side: 'request' as const, xmlElement: t.element.name } }));
  },
});
