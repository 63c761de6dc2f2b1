// Judges the iCalendar a server hands out (GET bodies, calendar-data in REPORT answers, free-busy
// answers) as strictly as what clients send: it must parse, carry UID and a UTC DTSTAMP, and give
// free-busy in UTC.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { isUtcDateTime } from '../lib/checks.ts';
import { calendars, mainComponents, prop, props, uidOf } from '../parse/ical/query.ts';

type Id = 'malformed' | 'uid' | 'dtstamp' | 'freebusy-utc';

export default defineRule({
  id: 'ical/served-calendar-invalid',
  severity: 'error',
  party: 'server',
  judgesKeptPart: true,
  docs: {
    summary: 'The iCalendar a server returns (GET, calendar-data in a REPORT, a free-busy answer) is valid: it parses, each component has UID and a UTC DTSTAMP, free-busy periods are UTC.',
    specs: [rfc(5545, '3.6.1'), rfc(5545, '3.8.4.7'), rfc(5545, '3.8.7.2'), rfc(5545, '3.8.2.6'), rfc(4791, '9.6'), rfc(4791, '7.10')],
    details:
      'Clients parse what servers hand out with the same strict libraries the servers use on uploads; a broken object in a sync ' +
      'answer makes many clients drop the whole batch or stop syncing. RFC 5545 requires UID and DTSTAMP (UTC) in VEVENT, VTODO, ' +
      'VJOURNAL and VFREEBUSY, and FREEBUSY periods in UTC (§3.8.2.6); a free-busy-query answer is a VFREEBUSY in UTC (RFC 4791 ' +
      '§7.10). A server that stores what a client sent and serves it back unchecked passes the client\'s mistake on to every other ' +
      'client: davscope says so on the answer, where the next client meets it.',
  },
  messages: {
    malformed: { message: 'The iCalendar {where} for {href} does not parse: {error}', fix: 'The server must not hand out iCalendar that does not parse: repair or remove the stored object, and validate uploads.' },
    uid: { message: '{component} (line {line}) {where} for {href} has no UID', fix: 'Every VEVENT, VTODO, VJOURNAL and VFREEBUSY the server returns needs a UID.' },
    dtstamp: { message: '{component} (line {line}) {where} for {href} has {problem}', fix: 'Serve DTSTAMP as a UTC date-time (YYYYMMDDTHHMMSSZ) in every VEVENT, VTODO, VJOURNAL and VFREEBUSY.' },
    'freebusy-utc': { message: 'FREEBUSY:{value} {where} for {href} is not in UTC', fix: 'Give free-busy periods as UTC date-times: start/end or start/duration, e.g. 20250120T090000Z/20250120T100000Z.' },
  },
  check(view) {
    const out: Report<Id>[] = [];
    for (const served of view.servedCalendars) {
      const where = served.where === 'body' ? 'returned' : 'in calendar-data';
      const at = { side: 'response' as const };
      if (served.tree.error) {
        // A whole body that does not parse is ical/malformed-body's to say.
        if (served.where === 'calendar-data') out.push({ messageId: 'malformed', data: { where, href: served.href, error: served.tree.error.message }, location: at });
        continue;
      }
      if (calendars(served.tree.doc).length === 0) continue;
      for (const c of mainComponents(served.tree.doc)) {
        if (!['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY'].includes(c.name)) continue;
        const data = { component: c.name, line: c.line, where, href: served.href };
        if (!uidOf(c) && c.name !== 'VFREEBUSY') out.push({ messageId: 'uid', data, location: { ...at, icalProperty: 'UID' } });
        const stamp = prop(c, 'DTSTAMP');
        if (!stamp) out.push({ messageId: 'dtstamp', data: { ...data, problem: 'no DTSTAMP' }, location: { ...at, icalProperty: 'DTSTAMP' } });
        else if (!isUtcDateTime(stamp.value.trim())) out.push({ messageId: 'dtstamp', data: { ...data, problem: `DTSTAMP:${stamp.value}, not a UTC date-time` }, location: { ...at, icalProperty: 'DTSTAMP' } });
        for (const fb of props(c, 'FREEBUSY'))
          for (const period of fb.value.split(','))
            if (!periodIsUtc(period.trim())) out.push({ messageId: 'freebusy-utc', data: { value: period.trim(), where, href: served.href }, location: { ...at, icalProperty: 'FREEBUSY' } });
      }
    }
    return out;
  },
});

/** start/end or start/duration with UTC date-times (RFC 5545 §3.3.9, §3.8.2.6). */
function periodIsUtc(period: string): boolean {
  const [start, end] = period.split('/');
  if (!start || !end || !isUtcDateTime(start)) return false;
  return end.startsWith('P') || end.startsWith('+P') || end.startsWith('-P') || isUtcDateTime(end);
}
