// Notes PROPFIND/REPORT requests without an Accept header that admits XML.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'webdav/xml-request-without-accept',
  severity: 'info',
  party: 'client',
  methods: ['PROPFIND', 'REPORT'],
  docs: {
    summary: 'PROPFIND and REPORT requests should say they accept XML, because some servers negotiate and answer HTML to browsers.',
    specs: [rfc(4918, '8.2'), rfc(9110, '12.5.1')],
    details: 'Servers that share a URL between a web UI and DAV may negotiate on Accept; a request without it (or one excluding XML) can get a web page. DAVx5 regressed this way (bitfireAT/dav4jvm#196).',
  },
  messages: {
    missing: { message: '{method} {path} sent without an Accept header', fix: 'Send Accept: application/xml, text/xml.' },
    excluded: { message: '{method} {path} sent with Accept: {value}, which excludes XML', fix: 'Send Accept: application/xml, text/xml.' },
  },
  check(view) {
    const accept = view.reqHeader('Accept');
    const data = { method: view.method, path: view.path };
    if (accept === undefined) return [{ messageId: 'missing', data, location: { side: 'request', header: 'Accept' } }];
    if (!/xml|\*\/\*|application\/\*|text\/\*/i.test(accept)) return [{ messageId: 'excluded', data: { ...data, value: accept }, location: { side: 'request', header: 'Accept' } }];
    return [];
  },
});
