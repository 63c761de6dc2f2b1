// Flags a PUT that created a calendar object without the "create only" guard If-None-Match: *.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/put-create-without-if-none-match',
  severity: 'warning',
  party: 'client',
  methods: ['PUT'],
  docs: {
    summary: 'A PUT that creates a calendar object should carry If-None-Match: * so it cannot overwrite an object that appeared meanwhile.',
    specs: [rfc(4791, '5.3.2'), rfc(9110, '13.1.2')],
    details:
      'RFC 4791 §5.3.2 asks clients to send If-None-Match: * when they create a calendar object. Without it, a name collision ' +
      '(another client created the same URL, or the client retried after a lost response) silently overwrites someone else\'s event. ' +
      'With it, the server answers 412 and nothing is lost. Radicale answers 201 on overwrites too, so a PUT to an href the session ' +
      'already knows exists is not counted as a creation. nextcloud/cdav-library#263 and emersion/go-webdav#130 are real examples.',
  },
  messages: {
    missing: {
      message: 'PUT created {path} without If-None-Match: *',
      fix: 'Send If-None-Match: * on every PUT meant to create a new object; on 412, refetch and update with If-Match instead.',
    },
  },
  check(view, context) {
    if (view.path.endsWith('/')) return [];
    const status = view.status;
    if (status === undefined || status < 200 || status >= 300) return [];
    if (view.reqHeader('If-Match') !== undefined) return [];
    if (view.reqHeaders('If-None-Match').some((v) => v.trim() === '*')) return [];
    // Radicale answers 201 on overwrite as well: a known, existing href is an update whatever the status.
    if (context.resource(view.path)?.exists === true) return [];
    return [{ messageId: 'missing', data: { path: view.path }, location: { side: 'request', header: 'If-None-Match' } }];
  },
});
