// Rule tests: a server storing a second resource with a UID the calendar holds (DAViCal's 201) is
// flagged; a refusal (Radicale's 409, a 403), a new UID, an update, another calendar pass.
import rule from '../../../rules/caldav/uid-conflict-accepted.ts';
import { run } from '../tester.ts';
import { davError, del, icalEvent, put } from '../factories.ts';

const first = () => put({ seq: 1, path: '/alice/calendar/server-name.ics', body: icalEvent({ uid: 'meeting-1' }), status: 201 });
const copy = (status: number, extra: object = {}) => put({ seq: 2, path: '/alice/calendar/meeting-1.ics', headers: { 'If-None-Match': '*' }, body: icalEvent({ uid: 'meeting-1' }), status, ...extra });

run(rule, {
  valid: [
    { name: 'a duplicate UID refused 409 with CALDAV:no-uid-conflict (Radicale)', history: [first()], exchange: copy(409, { responseBody: davError('<C:no-uid-conflict><D:href>/alice/calendar/server-name.ics</D:href></C:no-uid-conflict>') }) },
    { name: 'a duplicate UID refused 403', history: [first()], exchange: copy(403) },
    {
      name: 'a duplicate UID refused with a 207 carrying CALDAV:no-uid-conflict (Xandikos)',
      history: [first()],
      exchange: copy(207, { responseBody: '<?xml version="1.0"?><ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns0:response><ns0:href>/alice/calendar/meeting-1.ics</ns0:href><ns0:status>HTTP/1.1 412 Precondition Failed</ns0:status><ns0:error><ns1:no-uid-conflict><ns0:href>/alice/calendar/server-name.ics</ns0:href></ns1:no-uid-conflict></ns0:error></ns0:response></ns0:multistatus>' }),
    },
    { name: 'a new UID stored', history: [first()], exchange: put({ seq: 2, body: icalEvent({ uid: 'meeting-2' }), status: 201 }) },
    { name: 'an update of the href that holds the UID', history: [first()], exchange: put({ seq: 2, path: '/alice/calendar/server-name.ics', headers: { 'If-Match': '"e1"' }, body: icalEvent({ uid: 'meeting-1' }), status: 204 }) },
    { name: 'the same UID in another calendar', history: [first()], exchange: put({ seq: 2, path: '/alice/work/x.ics', body: icalEvent({ uid: 'meeting-1' }), status: 201 }) },
    { name: 'the same UID after the first resource was deleted', history: [first(), del({ seq: 2, path: '/alice/calendar/server-name.ics', status: 204 })], exchange: copy(201, { seq: 3 }) },
  ],
  invalid: [
    {
      name: 'a duplicate UID stored with 201 (DAViCal 1.1)',
      history: [first()],
      exchange: copy(201),
      findings: [{ messageId: 'stored', data: { status: 201, uid: 'meeting-1', existing: '/alice/calendar/server-name.ics' }, location: { side: 'response' } }],
    },
  ],
});
