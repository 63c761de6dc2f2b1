// Rule tests: PROPPATCH propstats refused with 403/409, decoded per property.
import rule from '../../../rules/webdav/proppatch-protected-decode.ts';
import { run } from '../tester.ts';
import { CALENDAR, multistatus, propfind, proppatch } from '../factories.ts';

const refused = (status: number, props: string, error?: string) =>
  multistatus([
    {
      href: CALENDAR,
      propstats: [
        { status, props, ...(error ? { error } : {}) },
        { status: 424, props: '<D:displayname/>' },
      ],
    },
  ]);

run(rule, {
  valid: [
    { name: 'a PROPPATCH that succeeded', exchange: proppatch() },
    { name: 'a displayname refused with 403 (not a property davscope can explain)', exchange: proppatch({ responseBody: refused(403, '<D:displayname/>') }) },
    { name: 'a 507 for a dead property', exchange: proppatch({ responseBody: refused(507, '<X:big xmlns:X="urn:x"/>') }) },
    { name: 'a PROPFIND with 403 propstats', exchange: propfind({ responseBody: refused(403, '<D:getetag/>') }) },
  ],
  invalid: [
    {
      name: 'supported-calendar-component-set refused after creation',
      exchange: proppatch({ responseBody: refused(403, '<C:supported-calendar-component-set/>', '<D:cannot-modify-protected-property/>') }),
      findings: [
        {
          messageId: 'component-set-fixed',
          severity: 'info',
          data: { path: CALENDAR, prop: 'CALDAV:supported-calendar-component-set', status: 403 },
          location: { side: 'response', xmlElement: '{urn:ietf:params:xml:ns:caldav}supported-calendar-component-set' },
        },
      ],
    },
    {
      name: 'getetag and getctag sent back from a PROPFIND',
      exchange: proppatch({ responseBody: refused(403, '<D:getetag/><CS:getctag/>') }),
      findings: [
        { messageId: 'server-owned', data: { prop: 'DAV:getetag' } },
        { messageId: 'server-owned', data: { prop: 'CS:getctag' } },
      ],
    },
    {
      name: 'a calendar-timezone refused with 409',
      exchange: proppatch({ responseBody: refused(409, '<C:calendar-timezone/>') }),
      findings: [{ messageId: 'timezone', data: { status: 409 } }],
    },
    {
      name: 'a schedule-default-calendar-URL refused on the inbox',
      exchange: proppatch({ path: '/alice/inbox/', responseBody: refused(403, '<C:schedule-default-calendar-URL/>', '<C:valid-schedule-default-calendar-URL/>') }),
      findings: [{ messageId: 'default-calendar' }],
    },
  ],
});
