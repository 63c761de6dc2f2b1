// Rule tests: SCHEDULE-STATUS and SCHEDULE-FORCE-SEND written by clients.
import rule from '../../../rules/caldav/client-edits-schedule-params.ts';
import { run } from '../tester.ts';
import { icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a new meeting without scheduling parameters', exchange: put({ body: icalEvent({ extra: ['ORGANIZER:mailto:alice@example.com', 'ATTENDEE:mailto:bob@example.com'] }) }) },
    { name: 'SCHEDULE-STATUS on a client-scheduled attendee', exchange: put({ body: icalEvent({ extra: ['ATTENDEE;SCHEDULE-AGENT=CLIENT;SCHEDULE-STATUS=1.1:mailto:bob@example.com'] }) }) },
  ],
  invalid: [
    { name: 'SCHEDULE-STATUS on a new server-scheduled attendee', exchange: put({ body: icalEvent({ extra: ['ORGANIZER:mailto:alice@example.com', 'ATTENDEE;SCHEDULE-STATUS=1.1:mailto:bob@example.com'] }) }), findings: [{ messageId: 'schedule-status', data: { name: 'ATTENDEE' } }] },
    { name: 'SCHEDULE-FORCE-SEND with SCHEDULE-AGENT=CLIENT', exchange: put({ headers: { 'If-Match': '"e1"' }, status: 204, body: icalEvent({ extra: ['ATTENDEE;SCHEDULE-AGENT=CLIENT;SCHEDULE-FORCE-SEND=REQUEST:mailto:bob@example.com'] }) }), findings: [{ messageId: 'force-send', data: { agent: 'CLIENT' } }] },
  ],
});
