// Rule tests: iCalendar charset, BOM and invalid bytes.
import rule from '../../../rules/ical/charset-or-bom.ts';
import { run } from '../tester.ts';
import { icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [{ name: 'UTF-8 without BOM', exchange: put() }],
  invalid: [
    { name: 'a BOM before BEGIN:VCALENDAR', exchange: put({ body: '\ufeff' + icalEvent() }), findings: [{ messageId: 'bom', severity: 'warning' }] },
    { name: 'charset=iso-8859-1', exchange: put({ headers: { 'Content-Type': 'text/calendar; charset=iso-8859-1' } }), findings: [{ messageId: 'charset', data: { charset: 'iso-8859-1' } }] },
    {
      name: 'bytes that are not UTF-8',
      exchange: put({ requestBody: { kind: 'captured', bytes: Uint8Array.from([...'BEGIN:VCALENDAR\r\nSUMMARY:Caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 13, 10])), size: 31, truncated: false }, headers: { 'Content-Type': 'text/calendar' } }),
      findings: [{ messageId: 'invalid' }],
    },
  ],
});
