// Rule tests: extended MKCOL resourcetype shapes and the extended-mkcol capability.
import rule from '../../../rules/webdav/extended-mkcol-resourcetype.ts';
import { run } from '../tester.ts';
import { mkcol, options } from '../factories.ts';

const body = (rt: string, op = 'set') => `<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:${op}><D:prop><D:resourcetype>${rt}</D:resourcetype></D:prop></D:${op}></D:mkcol>`;

run(rule, {
  valid: [
    { name: 'a calendar via extended MKCOL on a server that advertises it', history: [options()], exchange: mkcol({ body: body('<D:collection/><C:calendar/>') }) },
    { name: 'a plain MKCOL without body', exchange: mkcol() },
  ],
  invalid: [
    { name: 'a resourcetype without DAV:collection', exchange: mkcol({ body: body('<C:calendar/>') }), findings: [{ messageId: 'no-collection' }] },
    { name: 'the RFC 5689 prose typo calendar-collection', exchange: mkcol({ body: body('<D:collection/><C:calendar-collection/>') }), findings: [{ messageId: 'calendar-collection' }] },
    { name: 'a resourcetype only in DAV:remove', exchange: mkcol({ body: body('<D:collection/>', 'remove') }), findings: [{ messageId: 'only-removed' }] },
    { name: 'a server whose DAV header lacks extended-mkcol', history: [options({ responseHeaders: { DAV: '1, 2, calendar-access' } })], exchange: mkcol({ body: body('<D:collection/><C:calendar/>'), status: 415 }), findings: [{ messageId: 'not-advertised', severity: 'warning' }] },
  ],
});
