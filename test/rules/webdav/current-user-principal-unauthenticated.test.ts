// Rule tests: discovery without credentials.
import rule from '../../../rules/webdav/current-user-principal-unauthenticated.ts';
import { run } from '../tester.ts';
import { multistatus, propfind, propfindBody } from '../factories.ts';

const cup = (props: string, status = 200) => propfind({ path: '/', headers: { Depth: '0' }, body: propfindBody('<D:current-user-principal/>'), responseBody: multistatus([{ href: '/', propstats: [{ status, props }] }]) });

run(rule, {
  valid: [{ name: 'a principal href', exchange: cup('<D:current-user-principal><D:href>/alice/</D:href></D:current-user-principal>') }],
  invalid: [
    { name: 'DAV:unauthenticated', exchange: cup('<D:current-user-principal><D:unauthenticated/></D:current-user-principal>'), findings: [{ messageId: 'unauthenticated', data: { href: '/' } }] },
    { name: 'a 404 for a request without Authorization', exchange: cup('<D:current-user-principal/>', 404), findings: [{ messageId: 'not-found' }] },
  ],
});
