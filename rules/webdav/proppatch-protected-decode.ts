// Explains, property by property, why a PROPPATCH propstat came back 403/409: fixed, server-owned, bad timezone, default calendar.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { prefixedName } from '../decode/preconditions.ts';
import { NS, caldav, clark, dav } from '../parse/xml/namespaces.ts';

type Id = 'component-set-fixed' | 'server-owned' | 'timezone' | 'default-calendar';

// Live properties the server computes; a client can never set or remove them (RFC 4918 §15, RFC 4791 §5.2, RFC 6578 §4).
const SERVER_OWNED = new Set([
  dav('resourcetype'),
  dav('getetag'),
  dav('getlastmodified'),
  dav('getcontentlength'),
  dav('creationdate'),
  dav('lockdiscovery'),
  dav('supportedlock'),
  dav('sync-token'),
  dav('current-user-privilege-set'),
  dav('current-user-principal'),
  dav('supported-report-set'),
  dav('acl'),
  clark(NS.CS, 'getctag'),
  caldav('supported-calendar-data'),
  caldav('max-resource-size'),
  caldav('min-date-time'),
  caldav('max-date-time'),
  caldav('max-instances'),
  caldav('max-attendees-per-instance'),
  caldav('calendar-home-set'),
  caldav('calendar-user-address-set'),
  caldav('schedule-inbox-URL'),
  caldav('schedule-outbox-URL'),
]);

export default defineRule({
  id: 'webdav/proppatch-protected-decode',
  severity: 'info',
  party: 'client',
  methods: ['PROPPATCH'],
  docs: {
    summary: 'A PROPPATCH property refused with 403/409 is usually one the server owns or fixes at creation; davscope says which case it is.',
    specs: [rfc(4918, '9.2.1'), rfc(4918, '16'), rfc(4791, '5.2.3'), rfc(4791, '5.2.2'), rfc(6638, '9.2')],
    details:
      'PROPPATCH is all-or-nothing: one refused property makes the others fail with 424 and nothing changes. The refused property is ' +
      'usually one the client may not touch: live properties the server computes (getetag, resourcetype, getctag, sync-token, the ' +
      'privilege set), CALDAV:supported-calendar-component-set, which a calendar only takes at MKCALENDAR time, a CALDAV:calendar-timezone ' +
      'that is not a VCALENDAR with exactly one VTIMEZONE, or a CALDAV:schedule-default-calendar-URL that does not name one of the ' +
      'user\'s calendars. Clients that send the whole property set back after a PROPFIND trip on this: agendav/agendav#76 (DAViCal 403 ' +
      'when changing colour or name), sabre-io/dav#935 (macOS Calendar stopped syncing after a PROPPATCH 403).',
  },
  messages: {
    'component-set-fixed': {
      message: 'PROPPATCH {path}: {prop} refused ({status}); the component set is fixed once the calendar exists',
      fix: 'Drop CALDAV:supported-calendar-component-set from the PROPPATCH; to change it, create a new calendar with MKCALENDAR and move the objects.',
    },
    'server-owned': {
      message: 'PROPPATCH {path}: {prop} refused ({status}); the server maintains it',
      fix: 'Only send the properties you mean to change (displayname, colour, description...), never values read back from a PROPFIND.',
    },
    timezone: {
      message: 'PROPPATCH {path}: CALDAV:calendar-timezone refused ({status})',
      fix: 'Send a full VCALENDAR holding exactly one VTIMEZONE (escaped or in CDATA), or set CALDAV:calendar-timezone-id (RFC 7809) to an IANA name.',
    },
    'default-calendar': {
      message: 'PROPPATCH {path}: CALDAV:schedule-default-calendar-URL refused ({status})',
      fix: 'Point it at the href of one of your own calendar collections (from the calendar home); some servers do not allow changing it at all.',
    },
  },
  check(view) {
    if (view.status !== 207) return [];
    const out: Report<Id>[] = [];
    for (const e of view.multistatus ?? []) {
      for (const ps of e.propstats) {
        if (ps.status !== 403 && ps.status !== 409) continue;
        for (const name of ps.props) {
          const data = { path: e.href || view.path, prop: prefixedName(name), status: ps.status };
          const location = { side: 'response' as const, xmlElement: name };
          if (name === caldav('supported-calendar-component-set')) out.push({ messageId: 'component-set-fixed', data, location });
          else if (name === caldav('calendar-timezone')) out.push({ messageId: 'timezone', data, location });
          else if (name === caldav('schedule-default-calendar-URL')) out.push({ messageId: 'default-calendar', data, location });
          else if (SERVER_OWNED.has(name)) out.push({ messageId: 'server-owned', data, location });
        }
      }
    }
    return out;
  },
});
