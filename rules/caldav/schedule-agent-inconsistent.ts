// Flags a scheduling object whose master and overrides disagree on SCHEDULE-AGENT for the organizer or for one attendee.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { mainComponents, uidOf } from '../parse/ical/query.ts';

type Id = 'organizer' | 'attendee';

const agentOf = (params: Readonly<Record<string, string>>): string => (params['SCHEDULE-AGENT'] ?? 'SERVER').trim().toUpperCase();

export default defineRule({
  id: 'caldav/schedule-agent-inconsistent',
  severity: 'warning',
  party: 'client',
  methods: ['PUT'],
  docs: {
    summary: 'Within one scheduling object, the ORGANIZER and each ATTENDEE carry the same SCHEDULE-AGENT in the master and in every override.',
    specs: [rfc(6638, '7.1'), rfc(6638, '3.2.4.2')],
    details:
      'SCHEDULE-AGENT says who delivers scheduling messages for a calendar user: the server (SERVER, the default when absent), the ' +
      'client (CLIENT, for example by iMIP) or nobody (NONE). A value that changes between the master and an override makes the ' +
      'server schedule some instances and not others: attendees miss updates for half the series, or get them twice, once from the ' +
      'server and once by the client\'s own e-mail. Servers that compare the ORGANIZER of all components with its parameters refuse ' +
      'such objects as CALDAV:same-organizer-in-all-components. It typically appears when one client set SCHEDULE-AGENT=CLIENT on the ' +
      'components it wrote and another client added overrides without it (nextcloud/calendar#6941; cyrusimap/cyrus-imapd#3250).',
  },
  messages: {
    organizer: {
      message: 'UID {uid}: the ORGANIZER has SCHEDULE-AGENT {agents} in different components',
      fix: 'Give the ORGANIZER the same SCHEDULE-AGENT (or none) in the master and every override.',
    },
    attendee: {
      message: 'UID {uid}: ATTENDEE {address} has SCHEDULE-AGENT {agents} in different components',
      fix: 'Give each ATTENDEE the same SCHEDULE-AGENT in every component it appears in.',
    },
  },
  check(view) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const byUid = new Map<string, { organizer: Set<string>; attendees: Map<string, Set<string>>; count: number }>();
    for (const c of mainComponents(doc)) {
      const uid = uidOf(c);
      let g = byUid.get(uid);
      if (!g) byUid.set(uid, (g = { organizer: new Set(), attendees: new Map(), count: 0 }));
      g.count++;
      for (const p of c.properties) {
        if (p.name === 'ORGANIZER') g.organizer.add(agentOf(p.params));
        else if (p.name === 'ATTENDEE') {
          const address = p.value.trim().toLowerCase();
          let set = g.attendees.get(address);
          if (!set) g.attendees.set(address, (set = new Set()));
          set.add(agentOf(p.params));
        }
      }
    }
    const out: Report<Id>[] = [];
    for (const [uid, g] of byUid) {
      if (g.count < 2) continue;
      if (g.organizer.size > 1) out.push({ messageId: 'organizer', data: { uid, agents: [...g.organizer].join(', ') }, location: { side: 'request', icalProperty: 'ORGANIZER' } });
      for (const [address, agents] of g.attendees) {
        if (agents.size > 1 && out.length < 5) out.push({ messageId: 'attendee', data: { uid, address, agents: [...agents].join(', ') }, location: { side: 'request', icalProperty: 'ATTENDEE' } });
      }
    }
    return out;
  },
});
