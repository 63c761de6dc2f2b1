// Rule tests: Destination of COPY and MOVE.
import rule from '../../../rules/webdav/destination-header-invalid.ts';
import { run } from '../tester.ts';
import { EVENT, HOST, copy, move } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'an absolute URL on the same host', exchange: move() },
    { name: 'an absolute path', exchange: copy({ headers: { Destination: '/alice/calendar/copy.ics' } }) },
  ],
  invalid: [
    { name: 'no Destination', exchange: move({ headers: {} , status: 400 }), findings: [{ messageId: 'missing' }] },
    { name: 'a relative Destination', exchange: move({ headers: { Destination: 'event-2.ics' } }), findings: [{ messageId: 'relative' }] },
    { name: 'an https Destination through a TLS proxy to another host', exchange: move({ headers: { Destination: 'https://dav.example.com/alice/calendar/e2.ics' }, status: 502 }), findings: [{ messageId: 'other-host', data: { destHost: 'dav.example.com' } }] },
    { name: 'the source as Destination', exchange: move({ headers: { Destination: `${HOST}${EVENT}` }, status: 403 }), findings: [{ messageId: 'same' }] },
    { name: 'an unencoded space', exchange: move({ headers: { Destination: '/alice/calendar/my event.ics' } }), findings: [{ messageId: 'unencoded' }] },
  ],
});
