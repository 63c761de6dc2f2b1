// Rule tests: Basic credentials over plain HTTP.
import rule from '../../../rules/http/basic-auth-over-cleartext.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

const auth = 'Basic YWxpY2U6c2VjcmV0';

run(rule, {
  valid: [
    { name: 'Basic to a loopback server', exchange: propfind({ headers: { Depth: '1', Authorization: auth } }) },
    { name: 'Basic behind TLS', exchange: propfind({ headers: { Host: 'dav.example.com', Depth: '1', Authorization: auth, 'X-Forwarded-Proto': 'https' } }) },
    // The client reached davscope itself over TLS (--tls): capture marks the exchange, the target is origin-form.
    { name: 'Basic from a client that came to davscope over TLS', exchange: { ...propfind({ headers: { Host: 'dav.example.com', Depth: '1', Authorization: auth } }), clientTls: true } },
  ],
  invalid: [
    { name: 'Basic over plain HTTP to a remote host', exchange: propfind({ headers: { Host: 'dav.example.com', Depth: '1', Authorization: auth } }), findings: [{ messageId: 'sent', data: { host: 'dav.example.com' } }] },
    { name: 'a Basic challenge over plain HTTP', exchange: propfind({ headers: { Host: 'dav.example.com', Depth: '1' }, status: 401, responseBody: undefined, responseHeaders: { 'WWW-Authenticate': 'Basic realm="dav"' } }), findings: [{ messageId: 'offered' }] },
  ],
});
