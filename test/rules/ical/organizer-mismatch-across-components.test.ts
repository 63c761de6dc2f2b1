// Rule tests: ORGANIZER agreement across a master and its overrides.
import rule from '../../../rules/ical/organizer-mismatch-across-components.ts';
import { run } from '../tester.ts';
import { ical, put } from '../factories.ts';

const set = (a?: string, b?: string) =>
  ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:m', ...(a ? [`ORGANIZER:${a}`] : []), 'END:VEVENT', 'BEGIN:VEVENT', 'UID:m', 'RECURRENCE-ID:20250121T100000Z', ...(b ? [`ORGANIZER:${b}`] : []), 'END:VEVENT', 'END:VCALENDAR');

run(rule, {
  valid: [
    { name: 'the same organizer everywhere', exchange: put({ body: set('mailto:alice@example.com', 'mailto:alice@example.com') }) },
    { name: 'no organizer anywhere', exchange: put({ body: set() }) },
  ],
  invalid: [
    { name: 'an override with another organizer', exchange: put({ body: set('mailto:alice@example.com', 'mailto:bob@example.com'), status: 500 }), findings: [{ messageId: 'different', severity: 'error' }] },
    { name: 'an override without organizer (DAVx5)', exchange: put({ body: set('mailto:alice@example.com') }), findings: [{ messageId: 'missing-in-some' }] },
    { name: 'mailto: vs MAILTO:', exchange: put({ body: set('mailto:alice@example.com', 'MAILTO:alice@example.com') }), findings: [{ messageId: 'scheme-case', severity: 'warning' }] },
  ],
});
