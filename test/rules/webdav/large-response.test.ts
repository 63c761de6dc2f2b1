// Rule tests: very large multistatus answers and multigets.
import rule from '../../../rules/webdav/large-response.ts';
import { run } from '../tester.ts';
import { multigetBody, multistatus, propfind, report } from '../factories.ts';

const many = (n: number) => Array.from({ length: n }, (_, i) => `/alice/calendar/e${i}.ics`);

run(rule, {
  valid: [{ name: 'a small PROPFIND', exchange: propfind() }],
  invalid: [
    { name: 'a 207 of 1200 responses', exchange: propfind({ responseBody: multistatus(many(1200).map((href) => ({ href, propstats: [{ status: 200, props: '<D:getetag/>' }] }))) }), findings: [{ messageId: 'responses', data: { count: 1200 } }] },
    { name: 'a 207 of six megabytes', exchange: propfind({ responseBodyRaw: { kind: 'captured', bytes: new TextEncoder().encode('<D:multistatus xmlns:D="DAV:"/>'), size: 6 * 1024 * 1024, truncated: true } }), findings: [{ messageId: 'bytes', data: { size: '6.0' } }] },
    { name: 'a multiget of 600 hrefs', exchange: report({ headers: {}, body: multigetBody(many(600)), responseBody: multistatus([]) }), findings: [{ messageId: 'hrefs', severity: 'info', data: { count: 600 } }] },
  ],
});
