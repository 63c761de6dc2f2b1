// Flags recurrence sets that break RFC 4791 §4.1 / RFC 5545: duplicate overrides, two masters, mismatched types, bad RRULE ends.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar, valueForm } from '../lib/ical-body.ts';
import { mainComponents, prop, uidOf } from '../parse/ical/query.ts';

type Id = 'duplicate-override' | 'two-masters' | 'rid-type' | 'count-and-until' | 'until-type' | 'until-not-utc';

export default defineRule({
  id: 'ical/recurrence-set-consistency',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'One master per UID, one override per RECURRENCE-ID, matching value types, and an RRULE with at most one of COUNT and UNTIL.',
    specs: [rfc(4791, '4.1'), rfc(5545, '3.8.4.4'), rfc(5545, '3.3.10'), rfc(5545, '3.8.5.3')],
    details:
      'A recurring event is stored as one master (no RECURRENCE-ID) plus overrides, each RECURRENCE-ID once. Two masters give sabre\'s ' +
      '415 "More than one master object was found" (nextcloud/calendar#511); duplicate RECURRENCE-IDs are refused by CalDAVTester ' +
      'errors.xml. RECURRENCE-ID must have the master DTSTART\'s value type; RRULE cannot have both COUNT and UNTIL, UNTIL must match ' +
      'DTSTART\'s type and be UTC when DTSTART has a TZID (linagora/esn-sabre#344).',
  },
  messages: {
    'duplicate-override': { message: 'UID {uid} has two overrides with RECURRENCE-ID {rid}', fix: 'Merge the duplicate overrides into one.' },
    'two-masters': { message: 'UID {uid} has {count} master components (without RECURRENCE-ID)', fix: 'Keep one master; give the others a RECURRENCE-ID or a new UID in their own resource.' },
    'rid-type': { message: 'RECURRENCE-ID {rid} is a {ridKind} but the master DTSTART is a {startKind}', fix: 'Write RECURRENCE-ID with the same value type (and TZID) as the master\'s DTSTART.' },
    'count-and-until': { message: 'RRULE has both COUNT and UNTIL: {rrule}', fix: 'Keep COUNT or UNTIL, not both.' },
    'until-type': { message: 'RRULE UNTIL={until} does not match the DTSTART value type', fix: 'Write UNTIL as a DATE when DTSTART is a DATE, and as a DATE-TIME otherwise.' },
    'until-not-utc': { message: 'RRULE UNTIL={until} is not UTC although DTSTART has TZID', fix: 'Write UNTIL in UTC (ending in Z) when DTSTART has a TZID.' },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const out: Report<Id>[] = [];
    const byUid = new Map<string, { masters: number; rids: Set<string>; masterStart?: string }>();
    const comps = mainComponents(doc);
    for (const c of comps) {
      const uid = uidOf(c);
      const entry = byUid.get(uid) ?? { masters: 0, rids: new Set<string>() };
      byUid.set(uid, entry);
      const rid = prop(c, 'RECURRENCE-ID');
      if (!rid) {
        entry.masters++;
        entry.masterStart = prop(c, 'DTSTART')?.value.trim();
      } else {
        const v = rid.value.trim();
        if (entry.rids.has(v)) out.push({ messageId: 'duplicate-override', data: { uid, rid: v }, location: { side: 'request', icalProperty: 'RECURRENCE-ID' } });
        entry.rids.add(v);
      }
      const start = prop(c, 'DTSTART');
      const rrule = prop(c, 'RRULE');
      if (rrule && start) {
        const parts = Object.fromEntries(rrule.value.split(';').map((kv) => kv.split('=') as [string, string]).map(([k, v]) => [k.toUpperCase(), v ?? '']));
        const loc = { side: 'request' as const, icalProperty: 'RRULE' };
        if ('COUNT' in parts && 'UNTIL' in parts) out.push({ messageId: 'count-and-until', data: { rrule: rrule.value }, location: loc });
        const until = parts.UNTIL;
        if (until) {
          const uf = valueForm(until);
          const sf = valueForm(start.value);
          if ((uf === 'date') !== (sf === 'date') && uf !== 'other' && sf !== 'other') out.push({ messageId: 'until-type', data: { until }, location: loc });
          else if (start.params.TZID && uf === 'local') out.push({ messageId: 'until-not-utc', data: { until }, location: loc });
        }
      }
    }
    for (const [uid, e] of byUid) if (e.masters > 1) out.push({ messageId: 'two-masters', data: { uid, count: e.masters }, location: { side: 'request', icalProperty: 'UID' } });
    for (const c of comps) {
      const rid = prop(c, 'RECURRENCE-ID');
      const masterStart = byUid.get(uidOf(c))?.masterStart;
      if (!rid || !masterStart) continue;
      const rk = valueForm(rid.value) === 'date' ? 'DATE' : 'DATE-TIME';
      const sk = valueForm(masterStart) === 'date' ? 'DATE' : 'DATE-TIME';
      if (rk !== sk) out.push({ messageId: 'rid-type', data: { rid: rid.value.trim(), ridKind: rk, startKind: sk }, location: { side: 'request', icalProperty: 'RECURRENCE-ID' } });
    }
    return out;
  },
});
