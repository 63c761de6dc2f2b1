// Flags time-range, expand and limit-* attributes that are not UTC date-times in basic format.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { walk } from '../parse/xml/query.ts';
import { isUtcDateTime } from '../lib/checks.ts';

const TIMED = new Set(['time-range', 'expand', 'limit-recurrence-set', 'limit-freebusy-set'].map(caldav));

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
    const out: Report<'format'>[] = [];
    walk(root, (el) => {
      if (!TIMED.has(el.name)) return;
      for (const a of el.attributes)
        if ((a.name === 'start' || a.name === 'end') && !isUtcDateTime(a.value.trim()))
          out.push({ messageId: 'format', data: { element: `C:${el.local}`, attribute: a.name, value: a.value }, location: { side: 'request', xmlElement: el.name } });
    });
    return out;
  },
});
