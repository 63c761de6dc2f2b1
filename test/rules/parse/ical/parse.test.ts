// Unit tests of the iCalendar layer: tree, raw values, line statistics, and failures as values.
import { describe, expect, it } from 'vitest';
import { parseIcal, type IcalDocument, type IcalParseResult } from '../../../../rules/parse/ical/parse.ts';
import { calendars, definedTzids, mainComponents, prop, props, subcomponents, uids } from '../../../../rules/parse/ical/query.ts';

function ok(r: IcalParseResult): IcalDocument {
  if (!r.ok) throw new Error(`expected a parse, got: ${r.error.message}`);
  return r.doc;
}

const crlf = (...lines: string[]): string => lines.join('\r\n') + '\r\n';

const event = crlf(
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//davscope//test//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:abc-1',
  'DTSTAMP:20240101T090000Z',
  'DTSTART;TZID=Europe/Paris:20240102T100000',
  'SUMMARY:Lunch with a very long description that goes on and on past the limit of seve',
  ' nty-five octets',
  'ATTENDEE;CN="Doe, Jane";PARTSTAT=ACCEPTED:mailto:jane@example.com',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'TRIGGER:-PT15M',
  'END:VALARM',
  'END:VEVENT',
  'END:VCALENDAR',
);

describe('parseIcal', () => {
  it('builds the component tree with upper-case names and line numbers', () => {
    const doc = ok(parseIcal(event));
    expect(calendars(doc)).toHaveLength(1);
    const cal = calendars(doc)[0]!;
    expect(cal.components.map((c) => c.name)).toEqual(['VTIMEZONE', 'VEVENT']);
    const ev = subcomponents(cal, 'VEVENT')[0]!;
    expect(ev.line).toBe(12);
    expect(subcomponents(ev, 'VALARM')).toHaveLength(1);
  });

  it('keeps raw values and parameters, quotes removed', () => {
    const ev = mainComponents(ok(parseIcal(event)))[0]!;
    expect(prop(ev, 'DTSTART')?.value).toBe('20240102T100000');
    expect(prop(ev, 'DTSTART')?.params.TZID).toBe('Europe/Paris');
    const att = prop(ev, 'ATTENDEE')!;
    expect(att.params.CN).toBe('Doe, Jane');
    expect(att.value).toBe('mailto:jane@example.com');
  });

  it('unfolds folded lines', () => {
    const ev = mainComponents(ok(parseIcal(event)))[0]!;
    expect(prop(ev, 'SUMMARY')?.value).toMatch(/seventy-five octets$/);
  });

  it('excludes VTIMEZONE from the main components and lists UIDs and TZIDs', () => {
    const doc = ok(parseIcal(event));
    expect(mainComponents(doc).map((c) => c.name)).toEqual(['VEVENT']);
    expect(uids(doc)).toEqual(['abc-1']);
    expect([...definedTzids(doc)]).toEqual(['Europe/Paris']);
  });

  it('counts line endings and unfolded long lines', () => {
    const doc = ok(parseIcal(event));
    expect(doc.lines.crlf).toBe(24);
    expect(doc.lines.bareLf).toBe(0);
    expect(doc.lines.overlong).toBe(1);
    const lf = ok(parseIcal(event.replace(/\r\n/g, '\n')));
    expect(lf.lines.bareLf).toBe(24);
    expect(lf.lines.crlf).toBe(0);
  });

  it('counts distinct UIDs across components', () => {
    const two = crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:b', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'END:VCALENDAR');
    const doc = ok(parseIcal(two));
    expect(uids(doc)).toEqual(['a', 'b']);
    expect(props(mainComponents(doc)[2]!, 'UID')).toHaveLength(1);
  });

  it('notices a byte order mark, blank lines and control characters', () => {
    const doc = ok(parseIcal('\ufeff' + crlf('BEGIN:VCALENDAR', '', 'BEGIN:VEVENT', 'SUMMARY:a\u0001b', 'END:VEVENT', 'END:VCALENDAR')));
    expect(doc.lines.bom).toBe(true);
    expect(doc.lines.blank).toBe(1);
    expect(doc.lines.controlChars).toBe(1);
  });
});

describe('parseIcal failures are values', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty body', '', /no component/],
    ['plain text', 'Bad Request', /not a content line/],
    ['a vCard', crlf('BEGIN:VCARD', 'VERSION:4.0', 'FN:x', 'END:VCARD'), /not a VCALENDAR/],
    ['a mismatched END', crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VTODO', 'END:VCALENDAR'), /closes BEGIN:VEVENT/],
    ['a component never closed', crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT'), /never closed/],
    ['an END without BEGIN', crlf('END:VEVENT'), /without a matching BEGIN/],
    ['a property outside components', crlf('UID:x', 'BEGIN:VCALENDAR', 'END:VCALENDAR'), /outside any component/],
    ['an RRULE ical.js refuses', crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'RRULE:FREQ=SOMETIMES', 'END:VEVENT', 'END:VCALENDAR'), /frequency/],
  ];
  for (const [what, text, pattern] of cases) {
    it(`returns an error for ${what}`, () => {
      const r = parseIcal(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(pattern);
    });
  }

  it('keeps a partial tree when the structure is broken', () => {
    const r = parseIcal(crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.partial.components[0]?.components[0]?.name).toBe('VEVENT');
  });

  it('gives the line of a structural error', () => {
    const r = parseIcal(crlf('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VTODO', 'END:VCALENDAR'));
    expect(!r.ok && r.error.line).toBe(3);
  });
});
