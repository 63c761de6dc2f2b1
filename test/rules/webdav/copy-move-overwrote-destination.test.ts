// Rule tests: COPY/MOVE that replaced an existing destination without the client saying Overwrite: T.
import rule from '../../../rules/webdav/copy-move-overwrote-destination.ts';
import { run } from '../tester.ts';
import { HOST, copy, get, move } from '../factories.ts';

const other = '/alice/calendar/event-2.ics';
const seenOther = get({ path: other, responseHeaders: { 'Content-Type': 'text/calendar', ETag: '"e2"' } });

run(rule, {
  valid: [
    { name: 'a MOVE to a new name answered 201', exchange: move() },
    { name: 'a MOVE with Overwrite: T answered 204 (replacement intended)', exchange: move({ headers: { Destination: `${HOST}${other}`, Overwrite: 'T' }, status: 204 }) },
    { name: 'a MOVE onto a known object with Overwrite: F refused with 412', history: [seenOther], exchange: move({ status: 412 }) },
    { name: 'a COPY onto a known object with Overwrite: T', history: [seenOther], exchange: copy({ headers: { Destination: other, Overwrite: 'T' } }) },
    { name: 'a COPY onto a known object guarded by an If header', history: [seenOther], exchange: copy({ headers: { Destination: other, If: `<${other}> (["e2"])` } }) },
  ],
  invalid: [
    {
      name: 'a MOVE without Overwrite answered 204 (the destination existed)',
      exchange: move({ headers: { Destination: `${HOST}${other}` }, status: 204 }),
      findings: [{ messageId: 'replaced', severity: 'info', data: { method: 'MOVE', destination: other }, location: { side: 'request', header: 'Overwrite' } }],
    },
    {
      name: 'Radicale-style 201 to a COPY onto an object the session had seen',
      history: [seenOther],
      exchange: copy({ headers: { Destination: `${HOST}${other}` }, status: 201 }),
      findings: [{ messageId: 'replaced', data: { method: 'COPY' } }],
    },
  ],
});
