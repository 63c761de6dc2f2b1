// Rule tests: components without UID or several UIDs in one resource.
import rule from '../../../rules/ical/uid-missing-or-multiple.ts';
import { describe, expect, it } from 'vitest';
import { uids } from '../../../rules/parse/ical/query.ts';
import type { IcalComponent } from '../../../rules/parse/ical/parse.ts';
import { run } from '../tester.ts';
import { ical, icalEvent, put } from '../factories.ts';
import { growth, LINEAR } from '../../harness/growth.ts';

run(rule, {
  valid: [
    { name: 'one UID', exchange: put() },
    { name: 'a master and an override sharing a UID', exchange: put({ body: ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:a', 'RECURRENCE-ID:20250121T100000Z', 'END:VEVENT', 'END:VCALENDAR') }) },
  ],
  invalid: [
    { name: 'a VEVENT without UID', exchange: put({ body: icalEvent().replace(/UID:[^\r]*\r\n/, '') }), findings: [{ messageId: 'missing', data: { component: 'VEVENT' } }] },
    { name: 'two UIDs in one body', exchange: put({ body: ical('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:a', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:b', 'END:VEVENT', 'END:VCALENDAR') }), findings: [{ messageId: 'multiple', data: { count: 2, list: 'a, b' } }] },
  ],
});

describe('uids()', () => {
  // Found by the engine fuzz test: 10,000 VEVENTs with distinct UIDs took ~200 ms (a quadratic includes()).
  it('given 40,000 components with distinct UIDs, lists them all in linear time', () => {
    const docOf = (n: number) => {
      const events: IcalComponent[] = Array.from({ length: n }, (_, i) => ({ name: 'VEVENT', line: i, components: [], properties: [{ name: 'UID', params: {}, value: `u${i}`, line: i }] }));
      return { components: [{ name: 'VCALENDAR', line: 1, properties: [], components: events }], lines: { crlf: 0, bareLf: 0, bareCr: 0, overlong: 0, blank: 0, controlChars: 0, bom: false } };
    };
    const list = uids(docOf(40_000));
    expect(list.length).toBe(40_000);
    expect(list.slice(0, 2)).toEqual(['u0', 'u1']);
    const ratio = growth(docOf, (doc) => void uids(doc), 20_000);
    expect(ratio, `time at 40,000 UIDs / at 20,000: ${ratio.toFixed(2)}`).toBeLessThan(LINEAR);
  });
});
