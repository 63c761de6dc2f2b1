// Rule tests: redirects to http:// after HTTPS, or to internal hosts.
import rule from '../../../rules/http/redirect-to-internal-or-insecure.ts';
import { run } from '../tester.ts';
import { exchange } from '../factories.ts';

const redirect = (location: string, headers: Record<string, string> = { Host: 'dav.example.com' }) => exchange({ method: 'PROPFIND', path: '/.well-known/caldav', headers, status: 301, responseHeaders: { Location: location } });

run(rule, {
  valid: [
    { name: 'a path-only Location', exchange: redirect('/remote.php/dav/') },
    { name: 'the same public host', exchange: redirect('https://dav.example.com/remote.php/dav/', { Host: 'dav.example.com', 'X-Forwarded-Proto': 'https' }) },
    { name: 'local development on loopback', exchange: redirect('http://127.0.0.1:5232/alice/', { Host: '127.0.0.1:5232' }) },
  ],
  invalid: [
    { name: 'an https request redirected to http', exchange: redirect('http://dav.example.com/remote.php/dav/', { Host: 'dav.example.com', 'X-Forwarded-Proto': 'https' }), findings: [{ messageId: 'downgrade', severity: 'error' }] },
    { name: 'a redirect to an internal port', exchange: redirect('http://127.0.0.1:8080/dav/'), findings: [{ messageId: 'internal', data: { host: 'dav.example.com' } }] },
    { name: 'a redirect to a container name', exchange: redirect('http://nextcloud-app/remote.php/dav/'), findings: [{ messageId: 'internal' }] },
  ],
});
