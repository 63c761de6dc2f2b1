// Notes a COPY/MOVE that replaced an existing destination although the client never said Overwrite: T.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { decodePath, rawPathOf } from '../model/paths.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'webdav/copy-move-overwrote-destination',
  severity: 'info',
  party: 'client',
  methods: ['COPY', 'MOVE'],
  docs: {
    summary: 'Without Overwrite: F, COPY and MOVE silently replace whatever already sits at the Destination.',
    specs: [rfc(4918, '10.6'), rfc(4918, '9.8.5'), rfc(4918, '9.9.4')],
    details:
      'Overwrite defaults to T (RFC 4918 §10.6): a COPY or MOVE onto an existing URL deletes what was there first and answers 204 ' +
      'instead of 201. For calendar objects that is another event lost without a trace. Send Overwrite: F so the server answers 412 ' +
      'when the Destination exists, or guard the replacement with an If header naming the destination\'s ETag. davscope notes the ' +
      'replacement when the server answered 204, or when the session had already seen the destination exist (Radicale answers 201 ' +
      'even when it replaced something).',
  },
  messages: {
    replaced: {
      message: '{method} replaced the existing {destination} without Overwrite: T',
      fix: 'Send Overwrite: F unless replacing is intended; then say Overwrite: T, or guard with an If header on the destination\'s ETag.',
    },
  },
  check(view, context) {
    if (!isSuccess(view.status)) return [];
    const overwrite = view.reqHeader('Overwrite')?.trim().toUpperCase();
    if (overwrite === 'T' || overwrite === 'F') return [];
    if (view.reqHeader('If') !== undefined) return [];
    const dest = view.reqHeader('Destination')?.trim();
    if (!dest) return [];
    const existed = view.status === 204 || context.resource(dest)?.exists === true;
    if (!existed) return [];
    return [{ messageId: 'replaced', data: { method: view.method, destination: decodePath(rawPathOf(dest)) }, location: { side: 'request', header: 'Overwrite' } }];
  },
});
