// Flags scheduling parameters a client should leave to the server: SCHEDULE-STATUS on server-scheduled attendees of new objects, stray SCHEDULE-FORCE-SEND.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { putCalendar } from '../lib/ical-body.ts';
import { mainComponents } from '../parse/ical/query.ts';

export default defineRule({
  id: 'caldav/client-edits-schedule-params',
  severity: 'warning',
  party: 'client',
  methods: ['PUT'],
  docs: {
    summary: 'SCHEDULE-STATUS is the server\'s to write when it schedules, and SCHEDULE-FORCE-SEND only applies with SCHEDULE-AGENT=SERVER.',
    specs: [rfc(6638, '7.1'), rfc(6638, '7.2'), rfc(6638, '7.3')],
    details:
      'With server-side scheduling (SCHEDULE-AGENT absent or SERVER) the server sets SCHEDULE-STATUS on ORGANIZER/ATTENDEE after ' +
      'delivery. A client sending it on a brand-new object copied it from elsewhere, and servers may ignore or refuse it; invitations then ' +
      'go missing (owncloud/core#23600). SCHEDULE-FORCE-SEND with SCHEDULE-AGENT=CLIENT or NONE is contradictory.',
  },
  messages: {
    'schedule-status': { message: '{name} {value} carries SCHEDULE-STATUS on a new object scheduled by the server', fix: 'Drop SCHEDULE-STATUS before creating the object; the server writes it.' },
    'force-send': { message: '{name} {value} has SCHEDULE-FORCE-SEND with SCHEDULE-AGENT={agent}', fix: 'Use SCHEDULE-FORCE-SEND only with server scheduling.' },
  },
  check(view, context) {
    const doc = putCalendar(view);
    if (!doc) return [];
    const creating = view.status === 201 && context.resource(view.path)?.exists !== true;
    const out: Report<'schedule-status' | 'force-send'>[] = [];
    for (const c of mainComponents(doc))
      for (const p of c.properties) {
        if (p.name !== 'ATTENDEE' && p.name !== 'ORGANIZER') continue;
        const agent = (p.params['SCHEDULE-AGENT'] ?? 'SERVER').toUpperCase();
        const location = { side: 'request' as const, icalProperty: p.name };
        if (creating && agent === 'SERVER' && p.params['SCHEDULE-STATUS'] !== undefined) out.push({ messageId: 'schedule-status', data: { name: p.name, value: p.value }, location });
        if (agent !== 'SERVER' && p.params['SCHEDULE-FORCE-SEND'] !== undefined) out.push({ messageId: 'force-send', data: { name: p.name, value: p.value, agent }, location });
      }
    return out.slice(0, 5);
  },
});
