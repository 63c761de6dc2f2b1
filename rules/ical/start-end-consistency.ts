// Flags DTEND with DURATION, ends before starts, and DTSTART/DTEND pairs of different value types or zone kinds.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import type { IcalProperty } from '../parse/ical/parse.ts';
import { putCalendar, valueForm } from '../lib/ical-body.ts';
import { mainComponents, prop } from '../parse/ical/query.ts';

type Kind = 'date' | 'utc' | 'zoned' | 'floating' | 'other';
function kind(p: IcalProperty): Kind {
  const f = valueForm(p.value);
  if (f === 'local') return p.params.TZID ? 'zoned' : 'floating';
  return f;
}

type Id = 'both' | 'end-before-start' | 'type-mismatch' | 'floating-mix' | 'date-without-value' | 'date-with-time';

export default defineRule({
  id: 'ical/start-end-consistency',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  judgesKeptPart: true,
  methods: ['PUT'],
  docs: {
    summary: 'DTSTART and DTEND (or DUE) agree in value type and zone kind, the end is not before the start, and DTEND never comes with DURATION.',
    specs: [rfc(5545, '3.6.1'), rfc(5545, '3.6.2'), rfc(5545, '3.8.2.2'), rfc(5545, '3.8.2.4'), rfc(4791, '9.9')],
    details:
      'A VEVENT has DTEND or DURATION, never both (robur-coop/caldav#11). DTEND must not be before DTSTART ("DTEND must not be before ' +
      'DTSTART", studentenportal/web#111). Both must be DATE or both DATE-TIME, and a floating time paired with a zoned or UTC one has no ' +
      'defined length. A DATE written without VALUE=DATE ("DTSTART:20190118") is refused by sabre with 415 "not a correct DATE-TIME" ' +
      '(nextcloud/calendar#8396). Zero-length events exist in real data and are not reported.',
  },
  messages: {
    both: { message: '{component} has both {end} and DURATION', fix: 'Keep {end} or DURATION, not both.' },
    'end-before-start': { message: '{component} ends ({end}) before it starts ({start})', fix: 'Swap or correct the times; the end must be after the start.' },
    'type-mismatch': { message: '{component} mixes a DATE and a DATE-TIME in DTSTART and {endName}', fix: 'Use DATE for both (all-day) or DATE-TIME for both.' },
    'floating-mix': { message: '{component} pairs a floating time with a zoned or UTC one (DTSTART {startKind}, {endName} {endKind})', fix: 'Give both the same TZID, or both UTC.' },
    'date-without-value': { message: '{name}:{value} is a DATE written without VALUE=DATE', fix: 'Write {name};VALUE=DATE:{value}.' },
    'date-with-time': { message: '{name};VALUE=DATE carries a time: {value}', fix: 'Drop the time part, or drop VALUE=DATE.' },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const out: Report<Id>[] = [];
    for (const c of mainComponents(doc)) {
      if (c.name !== 'VEVENT' && c.name !== 'VTODO') continue;
      const endName = c.name === 'VEVENT' ? 'DTEND' : 'DUE';
      const start = prop(c, 'DTSTART');
      const end = prop(c, endName);
      const loc = (p: string) => ({ side: 'request' as const, icalProperty: p });
      if (end && prop(c, 'DURATION')) out.push({ messageId: 'both', data: { component: c.name, end: endName }, location: loc('DURATION') });
      for (const p of [start, end]) {
        if (!p) continue;
        const f = valueForm(p.value);
        if (f === 'date' && p.params.VALUE?.toUpperCase() !== 'DATE') out.push({ messageId: 'date-without-value', data: { name: p.name, value: p.value }, location: loc(p.name) });
        if (p.params.VALUE?.toUpperCase() === 'DATE' && f !== 'date' && f !== 'other') out.push({ messageId: 'date-with-time', data: { name: p.name, value: p.value }, location: loc(p.name) });
      }
      if (!start || !end) continue;
      const ks = kind(start);
      const ke = kind(end);
      if (ks === 'other' || ke === 'other') continue;
      if ((ks === 'date') !== (ke === 'date')) out.push({ messageId: 'type-mismatch', data: { component: c.name, endName }, location: loc(endName) });
      else if ((ks === 'floating') !== (ke === 'floating')) out.push({ messageId: 'floating-mix', data: { component: c.name, endName, startKind: ks, endKind: ke }, location: loc(endName) });
      else if (ks === ke && (ks !== 'zoned' || start.params.TZID === end.params.TZID) && end.value.trim() < start.value.trim())
        out.push({ messageId: 'end-before-start', data: { component: c.name, start: start.value.trim(), end: end.value.trim() }, location: loc(endName) });
    }
    return out;
  },
});
