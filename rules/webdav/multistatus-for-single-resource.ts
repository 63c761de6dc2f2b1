// Flags a 207 Multi-Status to a PUT, or to a MKCALENDAR/MKCOL refused for its own URL: one resource,
// one status (4xx with a DAV:error precondition), which clients act on.
import { defineRule } from '../engine/define-rule.ts';
import { SINGLE_RESOURCE_METHODS } from '../lib/checks.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';

export default defineRule({
  id: 'webdav/multistatus-for-single-resource',
  severity: 'warning',
  party: 'server',
  methods: SINGLE_RESOURCE_METHODS,
  docs: {
    summary: 'A PUT, or a MKCALENDAR/MKCOL refused for its own URL, is answered with its own status (e.g. 403/409 with a DAV:error precondition), not a 207 Multi-Status.',
    specs: [rfc(4918, '13'), rfc(4918, '16'), rfc(4791, '5.3.2.1'), rfc(4791, '5.3.1')],
    details:
      'A 207 reports on several resources or properties (RFC 4918 §13). A PUT acts on one resource, and a refused PUT or a refused ' +
      'MKCALENDAR names its precondition with a 403 or 409 and a DAV:error body (RFC 4791 §5.3.2.1, §5.3.1, RFC 4918 §16). Clients ' +
      'check the status: a 2xx family status looks like success to many of them, so the failure inside the 207 goes unnoticed and ' +
      'the event is lost. Xandikos 0.2 answers refused PUTs and MKCALENDARs this way. (A 207 mkcalendar-response whose propstats ' +
      'refuse properties is another matter, and is not flagged.)',
  },
  messages: {
    multistatus: {
      message: '{method} {path} was answered 207 Multi-Status{detail}',
      fix: 'Answer the request with its own status: 201/204 on success, or 403/409 with a DAV:error body naming the precondition.',
    },
  },
  check(view) {
    if (view.status !== 207) return [];
    const method = view.method;
    if (method === 'PUT') return [{ messageId: 'multistatus', data: { method, path: view.path, detail: '' }, location: { side: 'response' } }];
    // MKCALENDAR/MKCOL: only a response-level failure for the request URL itself.
    const own = (view.multistatus ?? []).find((e) => e.status !== undefined && e.status >= 400 && resourceKey(e.href) === view.key);
    if (!own) return [];
    return [{ messageId: 'multistatus', data: { method, path: view.path, detail: ` holding a ${own.status} for the URL itself` }, location: { side: 'response' } }];
  },
});

