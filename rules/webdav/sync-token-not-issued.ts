// Flags sync tokens that are not URIs, are CTags, or were issued for another collection.
import { hasUriScheme } from '../lib/checks.ts';
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { child, textOf } from '../parse/xml/query.ts';

export default defineRule({
  id: 'webdav/sync-token-not-issued',
  severity: 'warning',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'A client sends back only sync tokens the server issued for that collection; they are URIs, and a CS:getctag is not one.',
    specs: [rfc(6578, '3.2'), rfc(6578, '4')],
    details:
      'Sync tokens are opaque URIs issued per collection. A made-up token ("0", "12345"), a CTag value, or a token of another collection is ' +
      'refused with DAV:valid-sync-token (or worse, sabre-io/dav#1075: fruux issued "0" and then answered 415 when it came back). Start ' +
      'with an empty token. A non-URI token the server itself issued is not the client\'s fault: webdav/sync-token-issued-not-uri ' +
      'flags the answer that issued it.',
  },
  messages: {
    'not-uri': { message: 'sync-token "{token}" is not a URI', fix: 'Send the token exactly as the server returned it, or an empty token for a first sync.' },
    ctag: { message: 'sync-token "{token}" is a CS:getctag value, not a sync token', fix: 'Use DAV:sync-token (from PROPFIND or the last sync report), not the CTag.' },
    foreign: { message: 'sync-token "{token}" was issued for another collection', fix: 'Keep sync tokens per collection.' },
  },
  check(view, context) {
    const root = view.xmlRoot('request');
    if (!root || root.name !== dav('sync-collection')) return [];
    const token = textOf(child(root, dav('sync-token'))).trim();
    if (token === '') return [];
    const location = { side: 'request' as const, xmlElement: dav('sync-token') };
    if (context.ctags.has(token) && !context.allSyncTokens.has(token)) return [{ messageId: 'ctag', data: { token }, location }];
    // A token the server issued is sent back as it came: if it is not a URI, that is the server's
    // fault, said on the answer that issued it (webdav/sync-token-issued-not-uri).
    if (!hasUriScheme(token) && !context.allSyncTokens.has(token)) return [{ messageId: 'not-uri', data: { token }, location }];
    if (context.allSyncTokens.has(token) && !context.syncTokensFor(view.path).has(token)) return [{ messageId: 'foreign', data: { token }, location }];
    return [];
  },
});
