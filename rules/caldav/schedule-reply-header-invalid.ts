// Flags a Schedule-Reply header with a value other than T or F, or on a method other than DELETE.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'caldav/schedule-reply-header-invalid',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'Schedule-Reply is T or F and only means something on DELETE.',
    specs: [rfc(6638, '8.1')],
    details: 'Schedule-Reply: F deletes an invitation without telling the organizer (useful for spam, cyrusimap/cyrus-imapd#2588). Any other value is invalid, and on other methods the header does nothing.',
  },
  messages: {
    value: { message: 'Schedule-Reply: "{value}" is not T or F', fix: 'Send Schedule-Reply: F (no reply) or T.' },
    method: { message: 'Schedule-Reply on {method} has no effect', fix: 'Send Schedule-Reply only with DELETE.' },
  },
  check(view) {
    const v = view.reqHeader('Schedule-Reply');
    if (v === undefined) return [];
    const out: Report<'value' | 'method'>[] = [];
    if (v.trim() !== 'T' && v.trim() !== 'F') out.push({ messageId: 'value', data: { value: v }, location: { side: 'request', header: 'Schedule-Reply' } });
    if (view.method !== 'DELETE') out.push({ messageId: 'method', severity: 'warning', data: { method: view.method }, location: { side: 'request', header: 'Schedule-Reply' } });
    return out;
  },
});
