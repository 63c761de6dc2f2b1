// Flags a current-user-principal answer of DAV:unauthenticated: the client did not log in and will find no calendars.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { child } from '../parse/xml/query.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'webdav/current-user-principal-unauthenticated',
  severity: 'warning',
  party: 'client',
  explains: 'refusal',
  methods: ['PROPFIND'],
  docs: {
    summary: 'A PROPFIND of current-user-principal answered DAV:unauthenticated, or 404 without credentials: discovery will find nothing.',
    specs: [rfc(5397, '3'), rfc(6764, '7')],
    details:
      'Discovery asks for DAV:current-user-principal. Without credentials the server can only say DAV:unauthenticated (or nothing), ' +
      'and the client finds no calendar home. Clients should authenticate (servers should force it for this property). Seen in ' +
      'Kozea/Radicale PR #480 (DAVdroid did not send credentials).',
  },
  messages: {
    unauthenticated: { message: 'current-user-principal of {href} is DAV:unauthenticated', fix: 'Send credentials with the discovery PROPFIND.' },
    'not-found': { message: 'current-user-principal came back 404 for a request without Authorization', fix: 'Send credentials with the discovery PROPFIND.' },
  },
  check(view) {
    for (const e of view.multistatus ?? [])
      for (const ps of e.propstats) {
        if (!ps.props.includes(dav('current-user-principal'))) continue;
        if (isSuccess(ps.status) && child(child(ps.prop, dav('current-user-principal')), dav('unauthenticated')))
          return [{ messageId: 'unauthenticated', data: { href: e.href }, location: { side: 'response', xmlElement: dav('current-user-principal') } }];
        if (ps.status === 404 && view.reqHeader('Authorization') === undefined)
          return [{ messageId: 'not-found', location: { side: 'response', xmlElement: dav('current-user-principal') } }];
      }
    return [];
  },
});
