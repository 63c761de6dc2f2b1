// Flags Basic credentials sent, or offered, over plain HTTP to a non-loopback host.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { clientUsedTls } from '../lib/checks.ts';

function loopback(host: string | undefined): boolean {
  const h = (host ?? '').trim().replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

export default defineRule({
  id: 'http/basic-auth-over-cleartext',
  severity: 'error',
  party: 'by-side',
  docs: {
    summary: 'Basic authentication sends the password in clear text; it must not be used or offered without TLS.',
    specs: [rfc(4918, '20.1'), rfc(7617, '4')],
    details:
      'RFC 4918 §20.1 forbids Basic over an insecure connection: anyone on the path reads the password. Traffic to a loopback address ' +
      'never leaves the machine and is not reported. DAVdroid only sends Basic pre-emptively over HTTPS (Kozea/Radicale PR #480).',
  },
  messages: {
    sent: { message: 'Basic credentials sent over plain HTTP to {host}', fix: 'Use https:// for this server.' },
    offered: { message: 'The server offers Basic authentication over plain HTTP ({host})', fix: 'Serve CalDAV over HTTPS only (redirect http:// to https://).' },
  },
  check(view) {
    if (clientUsedTls(view)) return [];
    const host = view.reqHeader('Host');
    if (loopback(host)) return [];
    const out: Report<'sent' | 'offered'>[] = [];
    const data = { host: host ?? '(no Host)' };
    if (/^\s*basic\s/i.test(view.reqHeader('Authorization') ?? '')) out.push({ messageId: 'sent', data, location: { side: 'request', header: 'Authorization' } });
    if (view.status === 401 && view.resHeaders('WWW-Authenticate').some((v) => /^\s*basic\b/i.test(v))) out.push({ messageId: 'offered', data, location: { side: 'response', header: 'WWW-Authenticate' } });
    return out;
  },
});
