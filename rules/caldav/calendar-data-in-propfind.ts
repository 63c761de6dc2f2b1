// Flags C:calendar-data asked for in a PROPFIND: it only works inside a REPORT.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { child } from '../parse/xml/query.ts';

export default defineRule({
  id: 'caldav/calendar-data-in-propfind',
  severity: 'warning',
  party: 'client',
  judgesKeptPart: true,
  methods: ['PROPFIND'],
  docs: {
    summary: 'C:calendar-data is not a property: ask for it in calendar-query or calendar-multiget, not in PROPFIND.',
    specs: [rfc(4791, '9.6')],
    details: 'RFC 4791 §9.6 defines calendar-data for REPORT bodies. Servers answer it 404 in a PROPFIND, or (wrongly) return data some clients then rely on (emersion/go-webdav#178).',
  },
  messages: { propfind: { message: 'PROPFIND {path} asks for C:calendar-data', fix: 'Use a calendar-multiget REPORT to fetch calendar data.' } },
  check(view) {
    const prop = child(view.xmlRoot('request'), dav('prop'));
    if (!prop || !child(prop, caldav('calendar-data'))) return [];
    return [{ messageId: 'propfind', data: { path: view.path }, location: { side: 'request', xmlElement: caldav('calendar-data') } }];
  },
});
