// Flags time ranges with no bound or with end before start, and expand/limit-* elements missing a bound.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { attr, walk } from '../parse/xml/query.ts';
import { isUtcDateTime } from '../lib/checks.ts';

const BOTH_REQUIRED = new Set(['expand', 'limit-recurrence-set', 'limit-freebusy-set'].map(caldav));

export default defineRule({
  id: 'caldav/time-range-bounds',
  severity: 'error',
  party: 'client',
  judgesKeptPart: true,
  methods: ['REPORT'],
  docs: {
    summary: 'A C:time-range needs start or end (end after start); C:expand and C:limit-* need both.',
    specs: [rfc(4791, '9.9'), rfc(4791, '9.6.5'), rfc(4791, '9.6.6'), rfc(4791, '9.6.7')],
    details: 'A time-range with neither attribute, or with end not after start, is refused with CALDAV:valid-filter (CalDAVTester errors.xml "query with invalid time-range"). expand, limit-recurrence-set and limit-freebusy-set require both attributes.',
  },
  messages: {
    'no-bound': { message: 'C:time-range has neither start nor end', fix: 'Give at least one of start and end (in UTC).' },
    reversed: { message: '<C:{element}> end {end} is not after start {start}', fix: 'Swap start and end, or widen the range.' },
    'missing-bound': { message: 'C:{element} needs both start and end', fix: 'Add the missing attribute (UTC date-time).' },
  },
  check(view) {
    const root = view.xmlRoot('request');
    if (!root) return [];
    const out: Report<'no-bound' | 'reversed' | 'missing-bound'>[] = [];
    walk(root, (el) => {
      const isRange = el.name === caldav('time-range');
      if (!isRange && !BOTH_REQUIRED.has(el.name)) return;
      const start = attr(el, 'start')?.trim();
      const end = attr(el, 'end')?.trim();
      const location = { side: 'request' as const, xmlElement: el.name };
      if (isRange && start === undefined && end === undefined) out.push({ messageId: 'no-bound', location });
      else if (!isRange && (start === undefined || end === undefined)) out.push({ messageId: 'missing-bound', data: { element: el.local }, location });
      if (start && end && isUtcDateTime(start) && isUtcDateTime(end) && end <= start) out.push({ messageId: 'reversed', data: { element: el.local, start, end }, location });
    });
    return out;
  },
});
