// Flags components of one UID that disagree on ORGANIZER (sabre answers 500 SameOrganizerForAllComponentsException).
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { mainComponents, prop, uidOf } from '../parse/ical/query.ts';

export default defineRule({
  id: 'ical/organizer-mismatch-across-components',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'The master and every override of a scheduling object carry the same ORGANIZER, byte for byte.',
    specs: [rfc(6638, '3.2.4.2'), rfc(6638, '7.1')],
    details:
      'RFC 6638 §3.2.4.2 requires one organizer for all components of a scheduling object. Overrides without ORGANIZER, or with a ' +
      'different one, are refused (CALDAV:same-organizer-in-all-components) or crash sabre with a 500 ' +
      '(nextcloud/server#7530, #41767; aluxnimm/outlookcaldavsynchronizer#111). Some servers compare literally, so mailto: vs MAILTO: also fails ' +
      '(cyrusimap/cyrus-imapd#3250).',
  },
  messages: {
    different: { message: 'UID {uid}: components name different organizers ({list})', fix: 'Copy the master\'s ORGANIZER into every override.' },
    'missing-in-some': { message: 'UID {uid}: some components have an ORGANIZER and others do not', fix: 'Copy the master\'s ORGANIZER into every override.' },
    'scheme-case': { message: 'UID {uid}: ORGANIZER differs only in the case of the scheme ({list})', fix: 'Copy the master\'s ORGANIZER byte for byte; some servers compare literally.' },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const groups = new Map<string, (string | undefined)[]>();
    for (const c of mainComponents(doc)) {
      const uid = uidOf(c);
      const list = groups.get(uid) ?? [];
      list.push(prop(c, 'ORGANIZER')?.value.trim());
      groups.set(uid, list);
    }
    const out: Report<'different' | 'missing-in-some' | 'scheme-case'>[] = [];
    const location = { side: 'request' as const, icalProperty: 'ORGANIZER' };
    for (const [uid, orgs] of groups) {
      if (orgs.length < 2) continue;
      const present = orgs.filter((o): o is string => o !== undefined);
      if (present.length === 0) continue;
      if (present.length !== orgs.length) {
        out.push({ messageId: 'missing-in-some', data: { uid }, location });
        continue;
      }
      const exact = new Set(present);
      const normalised = new Set(present.map((o) => o.replace(/^mailto:/i, 'mailto:')));
      if (normalised.size > 1) out.push({ messageId: 'different', data: { uid, list: [...normalised].join(', ') }, location });
      else if (exact.size > 1) out.push({ messageId: 'scheme-case', severity: 'warning', data: { uid, list: [...exact].join(', ') }, location });
    }
    return out;
  },
});
