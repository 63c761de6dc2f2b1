// Flags PROPFIND/PROPPATCH/REPORT successes that are not a 207 DAV:multistatus in XML.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { isXmlMediaType } from '../model/media-type.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'webdav/multistatus-expected',
  severity: 'error',
  party: 'server',
  methods: ['PROPFIND', 'PROPPATCH', 'REPORT'],
  docs: {
    summary: 'A successful PROPFIND, PROPPATCH or REPORT (other than free-busy-query) answers 207 with an XML DAV:multistatus.',
    specs: [rfc(4918, '9.1'), rfc(4918, '9.2'), rfc(4791, '7.8'), rfc(6578, '3.2')],
    details:
      'Clients parse these answers as multistatus. A 200 with HTML (a web front end or a proxy answering instead of the DAV server), or a ' +
      'multistatus sent as text/plain, breaks them: owncloud/core#24041 (200 instead of 207), caddyserver/caddy#497 (DAVdroid "Expected ' +
      '207 Multi-Status" behind Caddy). A PROPPATCH with Prefer: return=minimal may answer an empty 2xx.',
  },
  messages: {
    status: { message: '{method} {path} succeeded with {status} instead of 207 Multi-Status', fix: 'Check that the request reaches the DAV server (not a web UI or a proxy page).' },
    root: { message: '{method} {path} answered 207 whose body is {root}, not DAV:multistatus', fix: 'The server must send a DAV:multistatus body with 207.' },
    type: { message: '{method} {path} answered 207 with Content-Type {type}', fix: 'The server must label the multistatus application/xml (or text/xml).' },
  },
  check(view) {
    const m = view.method;
    if (m !== 'PROPFIND' && m !== 'PROPPATCH' && m !== 'REPORT') return [];
    if (!isSuccess(view.status)) return [];
    if (view.xmlRoot('request')?.name === caldav('free-busy-query')) return [];
    const data = { method: m, path: view.path };
    if (view.status !== 207) {
      const minimal = /return\s*=\s*minimal/i.test(view.reqHeader('Prefer') ?? '') || /^t/i.test(view.reqHeader('Brief') ?? '');
      if (minimal && !view.hasBody('response')) return [];
      return [{ messageId: 'status', data: { ...data, status: view.status! }, location: { side: 'response' } }];
    }
    const type = view.responseType?.type;
    if (type !== undefined && !isXmlMediaType(type)) return [{ messageId: 'type', data: { ...data, type }, location: { side: 'response', header: 'Content-Type' } }];
    const root = view.xmlRoot('response');
    if (root && root.name !== dav('multistatus')) return [{ messageId: 'root', data: { ...data, root: root.name }, location: { side: 'response', xmlElement: root.name } }];
    return [];
  },
});
