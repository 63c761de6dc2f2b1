// Flags a VCALENDAR without exactly one VERSION:2.0 and exactly one PRODID.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { calendars, props } from '../parse/ical/query.ts';

export default defineRule({
  id: 'ical/version-prodid',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'Every VCALENDAR needs exactly one VERSION (2.0) and exactly one PRODID.',
    specs: [rfc(5545, '3.6'), rfc(5545, '3.7.3'), rfc(5545, '3.7.4')],
    details:
      'VERSION and PRODID are required, once each. CalendarServer answers 403 to a missing VERSION (pimutils/vdirsyncer#194); other ' +
      'servers accept it and other clients then choke on the stored object.',
  },
  messages: {
    version: { message: 'VCALENDAR has {count} VERSION properties (needs exactly one, 2.0)', fix: 'Add VERSION:2.0 once.' },
    'version-value': { message: 'VCALENDAR has VERSION:{value}, not 2.0', fix: 'Send VERSION:2.0 (vCalendar 1.0 is not iCalendar).' },
    prodid: { message: 'VCALENDAR has {count} PRODID properties (needs exactly one)', fix: 'Add one PRODID identifying your product, e.g. PRODID:-//Example//App 1.0//EN.' },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const out: Report<'version' | 'version-value' | 'prodid'>[] = [];
    for (const cal of calendars(doc)) {
      const versions = props(cal, 'VERSION');
      if (versions.length !== 1) out.push({ messageId: 'version', data: { count: versions.length }, location: { side: 'request', icalProperty: 'VERSION' } });
      else if (versions[0]!.value.trim() !== '2.0') out.push({ messageId: 'version-value', data: { value: versions[0]!.value.trim() }, location: { side: 'request', icalProperty: 'VERSION' } });
      const prodids = props(cal, 'PRODID');
      if (prodids.length !== 1) out.push({ messageId: 'prodid', data: { count: prodids.length }, location: { side: 'request', icalProperty: 'PRODID' } });
    }
    return out;
  },
});
