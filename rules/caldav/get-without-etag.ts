// Flags a GET or HEAD of a calendar object answered without an ETag (a MUST in RFC 4791).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/get-without-etag',
  severity: 'error',
  party: 'server',
  methods: ['GET', 'HEAD'],
  docs: {
    summary: 'A server must send a strong ETag with every calendar object it returns on GET or HEAD.',
    specs: [rfc(4791, '5.3.4')],
    details:
      'Without an ETag a client cannot make conditional updates and has to download everything again to notice changes. The usual cause ' +
      'is a proxy or compression layer that drops the header (nextcloud/server#14103 shows only OC-ETag surviving).',
  },
  messages: { missing: { message: '{method} {path} returned calendar data without an ETag', fix: 'Fix the server or the proxy in front of it so the ETag header reaches the client.' } },
  check(view) {
    if (view.status !== 200 || view.path.endsWith('/')) return [];
    if (view.responseType?.type !== 'text/calendar' || view.resHeader('ETag') !== undefined) return [];
    return [{ messageId: 'missing', data: { method: view.method, path: view.path }, location: { side: 'response', header: 'ETag' } }];
  },
});
