// Rule tests: a new resource reusing a UID known at another href, and Nextcloud's 400.
import rule from '../../../rules/caldav/uid-conflict-on-create.ts';
import { run } from '../tester.ts';
import { icalEvent, put } from '../factories.ts';

const first = () => put({ path: '/alice/calendar/server-name.ics', body: icalEvent({ uid: 'meeting-1' }) });

run(rule, {
  valid: [
    { name: 'a new UID', history: [first()], exchange: put({ body: icalEvent({ uid: 'meeting-2' }) }) },
    { name: 'an update of the same href', history: [first()], exchange: put({ path: '/alice/calendar/server-name.ics', headers: { 'If-Match': '"e1"' }, body: icalEvent({ uid: 'meeting-1' }), status: 204 }) },
    { name: 'the same UID in another calendar', history: [first()], exchange: put({ path: '/alice/work/x.ics', body: icalEvent({ uid: 'meeting-1' }) }) },
  ],
  invalid: [
    { name: 'a create at a UID-derived name while the UID lives elsewhere', history: [first()], exchange: put({ path: '/alice/calendar/meeting-1.ics', body: icalEvent({ uid: 'meeting-1' }), status: 409 }), findings: [{ messageId: 'predicted', data: { uid: 'meeting-1', existing: '/alice/calendar/server-name.ics' } }] },
    { name: 'Nextcloud refusing a duplicate UID with 400', exchange: put({ status: 400, responseBody: 'Calendar object with uid already exists in this calendar collection.' }), findings: [{ messageId: 'nextcloud' }] },
  ],
});
