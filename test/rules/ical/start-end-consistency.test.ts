// Rule tests: DTSTART/DTEND/DURATION consistency.
import rule from '../../../rules/ical/start-end-consistency.ts';
import { run } from '../tester.ts';
import { icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a UTC event of one hour', exchange: put() },
    { name: 'an all-day event with VALUE=DATE', exchange: put({ body: icalEvent({ dtstart: '20250120', dtend: '20250121' }).replace('DTSTART:', 'DTSTART;VALUE=DATE:').replace('DTEND:', 'DTEND;VALUE=DATE:') }) },
    { name: 'a zero-length event', exchange: put({ body: icalEvent({ dtend: '20250120T100000Z' }) }) },
  ],
  invalid: [
    { name: 'DTEND and DURATION together', exchange: put({ body: icalEvent({ extra: ['DURATION:PT1H'] }) }), findings: [{ messageId: 'both', data: { end: 'DTEND' } }] },
    { name: 'an end before the start', exchange: put({ body: icalEvent({ dtend: '20250120T090000Z' }) }), findings: [{ messageId: 'end-before-start' }] },
    { name: 'a DATE start with a DATE-TIME end', exchange: put({ body: icalEvent({ dtstart: '20250120' }).replace('DTSTART:', 'DTSTART;VALUE=DATE:') }), findings: [{ messageId: 'type-mismatch' }] },
    { name: 'a floating start with a UTC end', exchange: put({ body: icalEvent({ dtstart: '20250120T100000' }) }), findings: [{ messageId: 'floating-mix' }] },
    { name: 'a DATE without VALUE=DATE', exchange: put({ body: icalEvent({ dtstart: '20190118', dtend: null }) }), findings: [{ messageId: 'date-without-value', data: { value: '20190118' } }] },
    { name: 'VALUE=DATE with a time', exchange: put({ body: icalEvent({ dtend: null }).replace('DTSTART:', 'DTSTART;VALUE=DATE:') }), findings: [{ messageId: 'date-with-time' }] },
  ],
});
