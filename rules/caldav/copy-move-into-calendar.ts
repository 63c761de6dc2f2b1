// Flags COPY/MOVE that would nest a collection inside a calendar or take an object out of calendars, and explains bare 403/409s.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { parentKey, resourceKey } from '../model/paths.ts';

type Id = 'nested' | 'object-outside-calendar' | 'refused-undecoded';

export default defineRule({
  id: 'caldav/copy-move-into-calendar',
  severity: 'error',
  party: 'client',
  methods: ['COPY', 'MOVE'],
  docs: {
    summary: 'Calendars may not contain other collections, and calendar objects belong in calendars; COPY/MOVE that break this are refused.',
    specs: [rfc(4791, '4.2'), rfc(4791, '5.3.2.1'), rfc(4918, '9.8.5'), rfc(4918, '9.9.4')],
    details:
      'RFC 4791 §4.2 forbids collections inside a calendar collection at any depth, so moving or copying a calendar (or any ' +
      'collection) into a calendar is refused, usually with 403 and CALDAV:calendar-collection-location-ok, sometimes with a bare 403 ' +
      '(CalDAVTester errors.xml "COPY calendar into calendar"). The other way round, a calendar object copied into a plain collection ' +
      'such as the calendar home leaves the world of CalDAV: the server refuses it or stores a file no calendar shows. COPY and MOVE ' +
      'into a calendar also run every PUT precondition (valid data, supported component, UID not already there); when a server ' +
      'refuses without naming one, davscope lists the usual causes.',
  },
  messages: {
    nested: {
      message: '{method} {path} puts a collection inside the calendar {parent}',
      fix: 'Move calendars only within the calendar home (a sibling of the other calendars), never into another calendar.',
    },
    'object-outside-calendar': {
      message: '{method} {path} puts a calendar object into {parent}, which is not a calendar',
      fix: 'Choose a Destination inside a calendar collection (one whose resourcetype has CALDAV:calendar).',
    },
    'refused-undecoded': {
      message: '{method} {path} was refused with {status} and no reason',
      fix: 'Check, in this order: a calendar nested in a calendar; a UID already in the destination calendar; a component type the destination does not accept; write (bind) rights on the destination and unbind on the source; a move across calendar homes or accounts.',
    },
  },
  check(view, context) {
    const dest = view.reqHeader('Destination')?.trim();
    if (!dest) return [];
    const destKey = resourceKey(dest);
    if (destKey === view.key) return [];
    const method = view.method;
    const out: Report<Id>[] = [];
    const destParent = parentKey(destKey);
    const sourceIsCollection = view.path.endsWith('/') || context.isCollection(view.path);
    const location = { side: 'request' as const, header: 'Destination' };
    if (sourceIsCollection && context.isCalendar(destParent)) {
      out.push({ messageId: 'nested', data: { method, path: view.path, parent: destParent }, location });
    } else if (!sourceIsCollection && context.isCalendar(parentKey(view.key))) {
      const parent = context.resource(destParent);
      if (parent?.isCollection === true && parent.isCalendar === false) {
        out.push({ messageId: 'object-outside-calendar', severity: 'warning', data: { method, path: view.path, parent: destParent }, location });
      }
    }
    const status = view.status;
    if ((status === 403 || status === 409) && view.conditions.length === 0) {
      out.push({ messageId: 'refused-undecoded', severity: 'info', data: { method, path: view.path, status }, location: { side: 'response' } });
    }
    return out;
  },
});
