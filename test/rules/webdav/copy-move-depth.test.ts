// Rule tests: Depth on COPY/MOVE of collections (RFC 4918 §9.8.3, §9.9.2).
import rule from '../../../rules/webdav/copy-move-depth.ts';
import { run } from '../tester.ts';
import { CALENDAR, HOST, copy, move, propfind } from '../factories.ts';

const dest = { Destination: `${HOST}/alice/archive/`, Overwrite: 'F' };

run(rule, {
  valid: [
    { name: 'a MOVE of a calendar without Depth', exchange: move({ path: CALENDAR, headers: dest }) },
    { name: 'a MOVE of a calendar with Depth: infinity', exchange: move({ path: CALENDAR, headers: { ...dest, Depth: 'infinity' } }) },
    { name: 'a COPY of a calendar with Depth: infinity', exchange: copy({ path: CALENDAR, headers: { ...dest, Depth: 'Infinity' } }) },
    { name: 'a MOVE of an event with Depth: 0 (Depth only matters for collections)', exchange: move({ headers: { Destination: `${HOST}/alice/calendar/e2.ics`, Depth: '0' } }) },
    { name: 'a COPY with an invalid Depth value (webdav/depth-value-invalid reports it)', exchange: copy({ path: CALENDAR, headers: { ...dest, Depth: '2' } }) },
  ],
  invalid: [
    {
      name: 'a MOVE of a calendar with Depth: 0',
      exchange: move({ path: CALENDAR, headers: { ...dest, Depth: '0' } }),
      findings: [{ messageId: 'move-depth', severity: 'error', data: { depth: '0', path: CALENDAR }, location: { side: 'request', header: 'Depth' } }],
    },
    {
      name: 'a COPY of a known collection (no trailing slash) with Depth: 1',
      history: [propfind()],
      exchange: copy({ path: '/alice/calendar', headers: { ...dest, Depth: '1' } }),
      findings: [{ messageId: 'copy-depth-one', severity: 'error' }],
    },
    {
      name: 'a COPY of a calendar with Depth: 0 (an empty copy)',
      exchange: copy({ path: CALENDAR, headers: { ...dest, Depth: '0' } }),
      findings: [{ messageId: 'copy-depth-zero', severity: 'info' }],
    },
  ],
});
