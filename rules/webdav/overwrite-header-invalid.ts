// Flags an Overwrite header other than T or F on COPY/MOVE.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'webdav/overwrite-header-invalid',
  severity: 'warning',
  party: 'client',
  docs: {
    summary: 'The Overwrite header of COPY and MOVE is exactly T or F.',
    specs: [rfc(4918, '10.6'), rfc(4918, '9.8.4')],
    details: 'Overwrite defaults to T, so a misspelt "false" or "no" is read as absent or invalid and the destination gets replaced. Send Overwrite: F to protect an existing destination (a 412 then means it exists).',
  },
  messages: { invalid: { message: 'Overwrite: "{value}" is not T or F', fix: 'Send Overwrite: F (never replace) or Overwrite: T.' } },
  check(view) {
    const v = view.reqHeader('Overwrite');
    if (v === undefined || v.trim() === 'T' || v.trim() === 'F') return [];
    return [{ messageId: 'invalid', data: { value: v }, location: { side: 'request', header: 'Overwrite' } }];
  },
});
