// Flags a PUT into a collection whose MKCALENDAR or MKCOL was only redirected to the slashed URL: the client took the redirect for a creation.
import { defineRule } from '../engine/define-rule.ts';
import type { ExchangeView } from '../engine/view.ts';
import { rfc } from '../model/spec.ts';
import { decodePath, rawPathOf } from '../model/paths.ts';
import { isRedirect } from '../lib/checks.ts';
import { dav } from '../parse/xml/namespaces.ts';

const RESOURCE_MUST_BE_NULL = dav('resource-must-be-null');

const isCreate = (method: string): boolean => method === 'MKCALENDAR' || method === 'MKCOL';

/** Whether key is the collection key k or a member below it. */
const within = (key: string, k: string): boolean => key === k || key.startsWith(k === '/' ? '/' : `${k}/`);

/** A redirect of a creation to the same URL with a trailing slash added (and nowhere else). */
function slashRedirect(v: ExchangeView): string | undefined {
  if (!isRedirect(v.status) || v.path.endsWith('/')) return undefined;
  const location = v.resHeader('Location')?.trim();
  if (location === undefined || decodePath(rawPathOf(location)) !== `${v.path}/`) return undefined;
  return location;
}

/**
 * Whether an answer to a MKCALENDAR or MKCOL shows a collection is there now: created (2xx), or the URL
 * already taken (405, RFC 4918 §9.3.1; DAV:resource-must-be-null, RFC 4791 §5.3.1.1). Either way a
 * later PUT into it is ordinary use, not a reaction to the redirect.
 */
function collectionThere(v: ExchangeView): boolean {
  const s = v.status;
  if (s !== undefined && s >= 200 && s < 300) return true;
  return s === 405 || v.conditions.some((c) => c.name === RESOURCE_MUST_BE_NULL);
}

export default defineRule({
  id: 'caldav/mkcalendar-redirect-followed-as-created',
  severity: 'warning',
  party: 'client',
  methods: ['PUT'],
  docs: {
    summary: 'A MKCALENDAR or MKCOL was answered with a redirect to its URL plus "/", and the client then wrote into that collection without creating it there first.',
    specs: [rfc(4791, '5.3.1'), rfc(4918, '9.3.1'), rfc(9110, '15.4')],
    details:
      'A 3xx to a MKCALENDAR or MKCOL creates nothing: only a 201 does. When the Location is the same URL with a trailing slash, a ' +
      'correct client resends the MKCALENDAR (with its body) there; a client that takes the redirect for success goes on to PUT ' +
      'events into a calendar that does not exist, and gets 404 or 409, or, on a server that makes missing collections on the fly, ' +
      'a plain collection without the display name, components and time zone the MKCALENDAR asked for. Where such a redirect comes ' +
      'from: Apple CalendarServer answers a MKCALENDAR to a URL without the trailing slash with 301 Moved Permanently and creates ' +
      'nothing (its MKCALENDAR handler itself answers 201, 403 DAV:resource-must-be-null or 409; the slash redirect is its web ' +
      'layer\'s, as the WOCommunity CalendarServer notes "Creating a CalDAV collection" record for CalendarServer 4.2); front-ends ' +
      'and davscope\'s slash-redirect fault do the same, and the client must handle it the same ' +
      'way in each case. davscope flags the first PUT into (or below) the slashed URL after such a redirect, unless a MKCALENDAR or ' +
      'MKCOL there was answered 2xx, 405 or DAV:resource-must-be-null first, or the session already knows the collection exists ' +
      '(listed by a PROPFIND, say). webdav/collection-url-missing-trailing-slash flags the redirect itself, and ' +
      'http/redirect-method-changed a redirect followed with another method.',
  },
  messages: {
    'not-created': {
      message: 'PUT {path} writes into {collection}, but the {method} of {created} was answered {status} (a redirect to {location}) and nothing created it there',
      fix: 'A redirect creates nothing: resend the {method} with its body to {location}, and write into the collection only after it answers 201.',
    },
  },
  check(view, context) {
    const key = view.key;
    const recent = context.recent;
    // PUTs below the key seen since (newer than) the exchange being looked at: only the first one after a redirect is judged.
    const laterPuts: string[] = [];
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      if (prev.method === 'PUT') {
        laterPuts.push(prev.key);
        continue;
      }
      if (!isCreate(prev.method) || !within(key, prev.key)) continue;
      const location = slashRedirect(prev);
      if (location === undefined) {
        if (collectionThere(prev)) return [];
        continue;
      }
      const collection = prev.key;
      if (laterPuts.some((k) => within(k, collection))) return [];
      if (context.resource(collection)?.exists === true) return [];
      return [
        {
          messageId: 'not-created',
          data: { path: view.path, collection: `${prev.path}/`, method: prev.method, created: prev.path, status: prev.status!, location },
          location: { side: 'request' },
        },
      ];
    }
    return [];
  },
});
