// Rule tests: METHOD in stored objects.
import rule from '../../../rules/ical/method-present.ts';
import { run } from '../tester.ts';
import { icalEvent, post, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'an object without METHOD', exchange: put() },
    { name: 'an outbox POST with METHOD:REQUEST', exchange: post({ body: icalEvent({ calendarExtra: ['METHOD:REQUEST'] }) }) },
  ],
  invalid: [{ name: 'a PUT of an invitation copied from email', exchange: put({ body: icalEvent({ calendarExtra: ['METHOD:REQUEST'] }), status: 415 }), findings: [{ messageId: 'method', data: { value: 'REQUEST' } }] }],
});
