// The memo of content lines ical.js accepted must give ICAL.parse's verdict exactly, cold or warm:
// a line is only skipped where its verdict cannot depend on anything but itself.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { icalJsCheck } from '../../../../rules/parse/ical/parse.ts';

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

// The referee over real and fuzzed text: every iCalendar object the corpus and the demo recorded
// (bodies and calendar-data inside XML), each also cut, refolded and corrupted at random.
describe('icalJsCheck against ICAL.parse on recorded and fuzzed iCalendar', async () => {
  const { loadRecordedSessions } = await import('../../../fuzz/generators.ts');
  const { BROKEN_FOLDINGS, RRULES } = await import('../../../fuzz/hostile.ts');
  const { Rng } = await import('../../../fuzz/prng.ts');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#13;/g, '\r').replace(/&amp;/g, '&');
  const texts = new Set<string>();
  for (const session of await loadRecordedSessions()) {
    for (const ex of session) {
      for (const body of [ex.request.body, ex.response?.body]) {
        if (body?.kind !== 'captured') continue;
        const text = new TextDecoder().decode(body.decoded ?? body.bytes);
        for (const m of text.matchAll(/BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR\r?\n?/g)) texts.add(unescape(m[0]));
      }
    }
  }
  for (const b of BROKEN_FOLDINGS) texts.add(b);
  const recorded = [...texts];
  const rng = new Rng(20261205);
  const mutations: ((t: string) => string)[] = [
    (t) => t.slice(0, rng.int(t.length + 1)),
    (t) => t.replace(/\r\n/g, rng.int(2) ? '\n' : '\r'),
    (t) => { const i = rng.int(t.length); return t.slice(0, i) + (rng.int(2) ? '\r\n ' : '\r\n\t') + t.slice(i); },
    (t) => { const i = rng.int(t.length); return t.slice(0, i) + [';', ':', '"', '\t', ' ', '\r\n', ','][rng.int(7)] + t.slice(i + 1); },
    (t) => t.replace(/END:VEVENT\r?\n/, ''),
    (t) => t.replace(/(BEGIN:VEVENT\r?\n)/, `$1RRULE:${RRULES[rng.int(RRULES.length)]}\r\n`),
    (t) => t.replace(/BEGIN:VCALENDAR/, 'BEGIN:VCARD'),
    (t) => 'X-ROOT:1\r\n' + t,
    (t) => t + 'END:VCALENDAR\r\n',
  ];
  const fuzzed = Array.from({ length: 3000 }, () => {
    let t = recorded[rng.int(recorded.length)];
    for (let n = 1 + rng.int(3); n > 0; n--) t = mutations[rng.int(mutations.length)](t);
    return t;
  });

  it(`has real text to referee (${recorded.length} recorded objects)`, () => {
    expect(recorded.length).toBeGreaterThan(20);
  });

  it('gives ICAL.parse\'s verdict, error class and message on every recorded and fuzzed text, twice over (cold, then warm)', () => {
    const differ: string[] = [];
    let refused = 0;
    for (const pass of [1, 2]) {
      for (const text of [...recorded, ...fuzzed]) {
        const expected = verdict(() => ICAL.parse(text));
        if (pass === 1 && expected !== 'ok') refused++;
        const got = verdict(() => icalJsCheck(text));
        if (got !== expected && differ.length < 5) differ.push(`${JSON.stringify(text.slice(0, 300))}: ICAL.parse ${expected}, icalJsCheck ${got}`);
      }
    }
    expect(differ).toEqual([]);
    // The fuzz must reach both verdicts, or it referees nothing.
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(recorded.length + fuzzed.length - 100);
  });
});
