// Rule tests: Destination of COPY and MOVE.
import rule from '../../../rules/webdav/destination-header-invalid.ts';
import { run } from '../tester.ts';
import { EVENT, HOST, copy, move } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'an absolute URL on the same host', exchange: move() },
    { name: 'an absolute path', exchange: copy({ headers: { Destination: '/alice/calendar/copy.ics' } }) },
    // The userinfo is not the host: WHATWG URL parsing takes the host after the last "@".
    { name: 'a URL on the same host with user and password', exchange: move({ headers: { Destination: 'http://alice:hunter22@127.0.0.1:5232/alice/calendar/e2.ics' } }) },
    { name: 'a URL on the same host with its default port spelled out', exchange: move({ headers: { Host: 'dav.example.com', Destination: 'http://dav.example.com:80/alice/calendar/e2.ics' } }) },
  ],
  invalid: [
    { name: 'no Destination', exchange: move({ headers: {} , status: 400 }), findings: [{ messageId: 'missing' }] },
    { name: 'a relative Destination', exchange: move({ headers: { Destination: 'event-2.ics' } }), findings: [{ messageId: 'relative' }] },
    { name: 'an https Destination through a TLS proxy to another host', exchange: move({ headers: { Destination: 'https://dav.example.com/alice/calendar/e2.ics' }, status: 502 }), findings: [{ messageId: 'other-host', data: { destHost: 'dav.example.com' } }] },
    { name: 'the source as Destination', exchange: move({ headers: { Destination: `${HOST}${EVENT}` }, status: 403 }), findings: [{ messageId: 'same' }] },
    {
      name: 'a Destination on another host with a password, which the message never shows',
      exchange: move({ headers: { Destination: 'http://alice:hunter22@evil.example/alice/calendar/e2.ics' }, status: 502 }),
      findings: [{ messageId: 'other-host', data: { destHost: 'evil.example' }, message: 'Destination host evil.example differs from the request Host 127.0.0.1:5232' }],
    },
    {
      name: 'an unencoded space in a URL with a password, which the message never shows',
      exchange: move({ headers: { Destination: 'http://alice:hunter22@127.0.0.1:5232/alice/calendar/my event.ics' } }),
      findings: [{ messageId: 'unencoded', message: /^Destination "http:\/\/alice:\[redacted\]@127\.0\.0\.1:5232\/alice\/calendar\/my event\.ics" contains/ }],
    },
    // Browsers read "\\" as "/", other parsers as part of the authority: which host is meant is anyone's guess.
    { name: 'a backslash, which parsers split differently', exchange: move({ headers: { Destination: 'http://127.0.0.1:5232\\@evil.example/x' } }), findings: [{ messageId: 'unencoded' }] },
    { name: 'an unencoded space', exchange: move({ headers: { Destination: '/alice/calendar/my event.ics' } }), findings: [{ messageId: 'unencoded' }] },
  ],
});
