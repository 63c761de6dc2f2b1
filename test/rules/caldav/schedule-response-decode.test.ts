// Rule tests: per-recipient request-status values in a C:schedule-response to an outbox POST.
import rule from '../../../rules/caldav/schedule-response-decode.ts';
import { run } from '../tester.ts';
import { CAL_NS, DAV_NS, post } from '../factories.ts';

const response = (...items: [recipient: string, status: string][]) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<C:schedule-response ${DAV_NS} ${CAL_NS}>${items
    .map(([r, s]) => `<C:response><C:recipient><D:href>${r}</D:href></C:recipient><C:request-status>${s}</C:request-status></C:response>`)
    .join('')}</C:schedule-response>`;

run(rule, {
  valid: [
    { name: 'every recipient answered 2.0', exchange: post({ responseBody: response(['mailto:bob@example.com', '2.0;Success'], ['mailto:carol@example.com', '2.0;Success']) }) },
    { name: 'a delivery still pending (1.0)', exchange: post({ responseBody: response(['mailto:bob@example.com', '1.0;Pending']) }) },
    { name: 'a POST answered with something else', exchange: post({ responseBody: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }) },
    { name: 'a refused POST', exchange: post({ status: 403, responseBody: response(['mailto:bob@example.com', '3.8;No authority']) }) },
  ],
  invalid: [
    {
      name: 'one unknown and one unauthorised recipient',
      exchange: post({ responseBody: response(['mailto:bob@example.com', '2.0;Success'], ['mailto:nobody@example.com', '3.7;Invalid calendar user'], ['mailto:boss@example.com', '3.8;No authority']) }),
      findings: [
        {
          messageId: 'recipients-failed',
          severity: 'info',
          data: { failed: 2, total: 3, list: 'mailto:nobody@example.com 3.7 (invalid calendar user); mailto:boss@example.com 3.8 (no authority)' },
          location: { side: 'response', xmlElement: '{urn:ietf:params:xml:ns:caldav}request-status' },
        },
      ],
    },
    {
      name: 'a recipient given as text and a 5.x code davscope does not name',
      exchange: post({ responseBody: response(['mailto:bob@example.com', '5.9;Whatever']).replace('<D:href>mailto:bob@example.com</D:href>', 'mailto:bob@example.com') }),
      findings: [{ messageId: 'recipients-failed', data: { list: 'mailto:bob@example.com 5.9 (scheduling error)' } }],
    },
  ],
});
