// Flags a calendar-multiget answered 404 as a whole, on a collection known to exist, instead of a 207 naming the missing hrefs.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { childElements, textOf } from '../parse/xml/query.ts';

export default defineRule({
  id: 'caldav/multiget-answered-404-whole',
  severity: 'error',
  party: 'server',
  methods: ['REPORT'],
  docs: {
    summary: 'A calendar-multiget on an existing collection answers 207 with a 404 response for each missing href, never 404 for the whole request.',
    specs: [rfc(4791, '7.9'), rfc(4918, '13')],
    details:
      'RFC 4791 §7.9: the server returns a DAV:response for every href the multiget names, with its own status; an href that does ' +
      'not exist gets a 404 inside the 207. A server that answers the whole request 404 because one href is missing (seen after a ' +
      'concurrent delete) makes the client lose every other object in the batch, and many clients then start a full resync. ' +
      'davscope flags it only when it knows the collection exists, since a 404 for a missing collection is right.',
  },
  messages: {
    whole: {
      message: 'calendar-multiget of {count} href(s) on {path}, a collection seen in exchange #{seen}, was answered 404 as a whole',
      fix: 'Answer 207 Multi-Status with one DAV:response per href, a 404 status for those that do not exist.',
    },
  },
  check(view, context) {
    if (view.status !== 404) return [];
    const root = view.xmlRoot('request');
    if (root?.name !== caldav('calendar-multiget')) return [];
    const known = context.resource(view.key);
    if (!known?.exists || !context.isCollection(view.key)) return [];
    const count = childElements(root).filter((el) => el.name === dav('href') && textOf(el).trim() !== '').length;
    return [{ messageId: 'whole', data: { count, path: view.path, seen: known.seenAt }, location: { side: 'response' } }];
  },
});
