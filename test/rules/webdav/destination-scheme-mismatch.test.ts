// Rule tests: a COPY/MOVE refused because its Destination names another scheme than the request (TLS-terminating proxies).
import rule from '../../../rules/webdav/destination-scheme-mismatch.ts';
import { run } from '../tester.ts';
import { move } from '../factories.ts';

const https = 'https://127.0.0.1:5232/alice/calendar/event-2.ics';

run(rule, {
  valid: [
    { name: 'a MOVE with an http Destination on the same host', exchange: move() },
    { name: 'a MOVE with a path-only Destination refused with 502', exchange: move({ headers: { Destination: '/alice/calendar/event-2.ics' }, status: 502 }) },
    { name: 'an https Destination that the server accepted (a TLS hop davscope cannot see)', exchange: move({ headers: { Destination: https } }) },
    { name: 'an https Destination on an https request refused for another reason', exchange: move({ headers: { Destination: https, 'X-Forwarded-Proto': 'https' }, status: 403 }) },
  ],
  invalid: [
    {
      name: 'an https Destination through a plain-HTTP hop answered 502 (traefik/traefik#4816, mar10/wsgidav#183)',
      exchange: move({ headers: { Destination: https }, status: 502 }),
      findings: [{ messageId: 'scheme', severity: 'error', data: { method: 'MOVE', destScheme: 'https', scheme: 'http', status: 502 }, location: { side: 'request', header: 'Destination' } }],
    },
    {
      name: 'an http Destination on an https request refused with 400',
      exchange: move({ headers: { Destination: 'http://127.0.0.1:5232/alice/calendar/event-2.ics', 'X-Forwarded-Proto': 'https' }, status: 400 }),
      findings: [{ messageId: 'scheme', data: { destScheme: 'http', scheme: 'https' } }],
    },
  ],
});
