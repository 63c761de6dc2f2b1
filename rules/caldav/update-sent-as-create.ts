// Flags a PUT with If-None-Match: * to an href the session knows exists: a guaranteed 412.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/update-sent-as-create',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  methods: ['PUT'],
  docs: {
    summary: 'A PUT with If-None-Match: * to an object that exists will fail with 412; the client thinks an existing object is new.',
    specs: [rfc(9110, '13.1.2'), rfc(4791, '5.3.2')],
    details:
      'If-None-Match: * means "only if nothing is there". When the session already saw the object (a 2xx GET, an earlier PUT, a getetag ' +
      'in a 207) and no DELETE since, the request is a guaranteed 412: the client\'s local state wrongly marks the object as new. ' +
      'Seen in sabre-io/dav#287 (iCal editing), nextcloud/server#14428 (Evolution accepting an invitation).',
  },
  messages: { exists: { message: 'PUT {path} with If-None-Match: * but the object exists (seen in exchange #{seenAt})', fix: 'Update it with If-Match and its current ETag instead.' } },
  check(view, context) {
    if (!view.reqHeaders('If-None-Match').some((v) => v.trim() === '*')) return [];
    const known = context.resource(view.path);
    if (known?.exists !== true || known.isCollection) return [];
    return [{ messageId: 'exists', data: { path: view.path, seenAt: known.seenAt }, location: { side: 'request', header: 'If-None-Match' } }];
  },
});
