// Notes a Depth header on calendar-multiget, which servers must ignore.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';

export default defineRule({
  id: 'caldav/multiget-with-depth',
  severity: 'info',
  party: 'client',
  judgesKeptPart: true,
  methods: ['REPORT'],
  docs: {
    summary: 'calendar-multiget names its hrefs explicitly; a Depth header is ignored by servers and should not be sent.',
    specs: [rfc(4791, '7.9')],
    details: 'RFC 4791 §7.9 says servers must ignore Depth on calendar-multiget. It is harmless, but signals a generic REPORT code path that may also send other wrong headers.',
  },
  messages: { depth: { message: 'calendar-multiget sent with Depth: {value}', fix: 'Leave Depth out of calendar-multiget requests.' } },
  check(view) {
    if (view.xmlRoot('request')?.name !== caldav('calendar-multiget')) return [];
    const d = view.reqHeader('Depth');
    return d === undefined ? [] : [{ messageId: 'depth', data: { value: d.trim() }, location: { side: 'request', header: 'Depth' } }];
  },
});
