// Rule tests: redirects that keep the host name but change or drop the port the client used.
import rule from '../../../rules/http/redirect-port-changed.ts';
import { run } from '../tester.ts';
import { exchange } from '../factories.ts';

const redirect = (host: string, location: string, extra: Record<string, string> = {}) =>
  exchange({ method: 'PROPFIND', path: '/.well-known/caldav', headers: { Host: host, Depth: '0', ...extra }, status: 301, responseHeaders: { Location: location } });

run(rule, {
  valid: [
    { name: 'a redirect to a path only', exchange: redirect('cal.example.com:8443', '/remote.php/dav/') },
    { name: 'a redirect keeping host and port', exchange: redirect('cal.example.com:8443', 'http://cal.example.com:8443/dav/') },
    { name: 'a redirect with the default port spelled out', exchange: redirect('cal.example.com', 'http://cal.example.com:80/dav/') },
    { name: 'an http to https upgrade on the same host (a scheme change, not a port slip)', exchange: redirect('cal.example.com', 'https://cal.example.com/dav/') },
    { name: 'a redirect to another host (not this rule\'s business)', exchange: redirect('cal.example.com:8443', 'https://login.example.com/') },
    // davscope captures the upstream's own Location and maps it to its own origin for the client.
    { name: 'a Location naming the upstream origin, seen through davscope', exchange: redirect('127.0.0.1:7000', 'http://127.0.0.1:5232/') },
    { name: 'a non-redirect', exchange: exchange({ headers: { Host: 'a:1' }, status: 200 }) },
  ],
  invalid: [
    {
      name: 'a redirect that drops the external port 8443 (jchaney/owncloud PR #52)',
      exchange: redirect('cal.example.com:8443', 'https://cal.example.com/remote.php/dav/', { 'X-Forwarded-Proto': 'https' }),
      findings: [{ messageId: 'port-changed', severity: 'error', data: { location: 'https://cal.example.com/remote.php/dav/', from: '8443', to: '443' }, location: { side: 'response', header: 'Location' } }],
    },
    {
      name: 'a redirect to the internal port 8080 behind a proxy',
      exchange: redirect('cal.example.com', 'http://cal.example.com:8080/dav/'),
      findings: [{ messageId: 'port-changed', data: { from: '80', to: '8080' } }],
    },
  ],
});
