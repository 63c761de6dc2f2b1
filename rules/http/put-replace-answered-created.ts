// Flags a server answering 201 Created to a PUT that replaced a resource that already existed.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'http/put-replace-answered-created',
  severity: 'warning',
  party: 'server',
  methods: ['PUT'],
  docs: {
    summary: 'A PUT that replaced an existing resource is answered 200 or 204, not 201 Created.',
    specs: [rfc(9110, '9.3.4')],
    details:
      'RFC 9110 §9.3.4: when the target had no current representation and the PUT created one, the server MUST answer 201; when ' +
      'it had one and the PUT modified it, the server MUST answer 200 or 204. A client that tells "created" from "updated" by the ' +
      'status (to count new events, or to detect that another client deleted the event meanwhile) is misled by a 201 on an update. ' +
      'Radicale 3 answers 201 to every successful PUT. davscope knows the resource existed when the request carried an If-Match the ' +
      'server let through, or when it saw the resource earlier in the session and never saw it deleted.',
  },
  messages: {
    created: {
      message: 'PUT {path} replaced a resource that existed ({how}) and was answered 201 Created',
      fix: 'Answer 204 No Content (or 200 OK) when a PUT replaces an existing resource; 201 only when it creates one.',
    },
  },
  check(view, context) {
    if (view.status !== 201) return [];
    const ifMatch = view.reqHeader('If-Match');
    const known = context.resource(view.key);
    const how = ifMatch !== undefined ? `its If-Match ${ifMatch} was let through` : known?.exists ? `seen in exchange #${known.seenAt}` : undefined;
    if (how === undefined) return [];
    return [{ messageId: 'created', data: { path: view.path, how }, location: { side: 'response' } }];
  },
});
