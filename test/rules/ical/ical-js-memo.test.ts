// The memo of content lines ical.js accepted must give ICAL.parse's verdict exactly, cold or warm:
// a line is only skipped where its verdict cannot depend on anything but itself.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { icalJsCheck } from '../../../rules/ical/parse-ical.ts';

const crlf = (...lines: string[]): string => lines.join('\r\n') + '\r\n';

function verdict(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

const event = (...inner: string[]) => crlf('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'X-LINE:1', ...inner, 'END:VEVENT', 'END:VCALENDAR');

const bodies: [string, string][] = [
  ['a plain event', event('RRULE:FREQ=WEEKLY;BYDAY=MO')],
  ['an RRULE ical.js refuses', event('RRULE:FREQ=SOMETIMES')],
  ['a bad WKST', event('RRULE:FREQ=DAILY;WKST=XX')],
  ['an empty parameter name', event('ATTENDEE;:mailto:a@example.com')],
  ['an unterminated quote', event('ATTENDEE;CN="Doe:mailto:a@example.com')],
  ['a parameter without a value', event('X;Y:z')],
  ['a line without a colon', event('JUSTTEXT')],
  ['a property at the root after the calendar', crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'X-LINE:1', 'END:VEVENT', 'END:VCALENDAR', 'X-LINE:1')],
  ['a property before any component', crlf('X-LINE:1', 'BEGIN:VCALENDAR', 'END:VCALENDAR')],
  ['an unclosed component', crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'X-LINE:1', 'END:VEVENT')],
  ['a VCARD nested in a calendar', crlf('BEGIN:VCALENDAR', 'BEGIN:VCARD', 'X-LINE:1', 'VERSION:4.0', 'END:VCARD', 'END:VCALENDAR')],
  ['two calendars', crlf('BEGIN:VCALENDAR', 'X-LINE:1', 'END:VCALENDAR', 'BEGIN:VCALENDAR', 'X-LINE:1', 'END:VCALENDAR')],
  ['bare CR line ends', 'BEGIN:VCALENDAR\rX-LINE:1\rEND:VCALENDAR\r'],
  ['a folded line', event('DESCRIPTION:a', ' b')],
];

describe('icalJsCheck', () => {
  for (const [what, text] of bodies) {
    it(`gives ICAL.parse's verdict on ${what}, cold and warm`, () => {
      const expected = verdict(() => ICAL.parse(text));
      expect(verdict(() => icalJsCheck(text))).toBe(expected);
      // Warm: every line of every body has now been seen, some accepted.
      for (const [, other] of bodies) verdict(() => icalJsCheck(other));
      expect(verdict(() => icalJsCheck(text))).toBe(expected);
    });
  }

  it('still refuses a line it refused before, however often it comes', () => {
    for (let i = 0; i < 3; i++) expect(verdict(() => icalJsCheck(event('RRULE:FREQ=SOMETIMES')))).toMatch(/frequency/);
  });
});
