// The engine on a body cut at the capture cap: the rules that judge what is there see the whole
// part of it and say their findings are partial; the rules that judge what is missing stay silent.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../rules/engine/engine.ts';
import { allRules } from '../../../rules/registry.ts';
import type { Body } from '../../../rules/model/exchange.ts';
import { CALENDAR, EVENT, exchange, multigetBody, multistatus } from '../factories.ts';

function cut(text: string, at: number): Body {
  const all = new TextEncoder().encode(text);
  return { kind: 'captured', bytes: all.slice(0, at), size: all.length, truncated: true };
}

const OTHER = '/alice/calendar/event-2.ics';
const ANSWER = multistatus([
  { href: EVENT, status: 404 },
  { href: OTHER, propstats: [{ status: 200, props: '<D:getetag>"e2"</D:getetag>' }] },
]);

function multigetCutAfterFirstResponse() {
  const at = ANSWER.indexOf('<D:response>', ANSWER.indexOf('</D:response>')) + 20;
  return exchange({ method: 'REPORT', path: CALENDAR, headers: { Depth: '0' }, body: multigetBody([EVENT, OTHER, '/alice/calendar/event-3.ics']), status: 207, responseBodyRaw: cut(ANSWER, at) });
}

describe('a response body cut at the capture cap', () => {
  it('gets the failure in its whole first response reported, marked partial, and no "missing responses" for what was cut', () => {
    const findings = createEngine({ rules: allRules }).analyse(multigetCutAfterFirstResponse());
    const failure = findings.find((f) => f.ruleId === 'webdav/multistatus-failure');
    expect(failure).toMatchObject({ partial: true });
    expect(failure!.message).toContain(EVENT);
    expect(findings.map((f) => f.ruleId)).not.toContain('caldav/multiget-missing-responses');
    expect(findings.map((f) => f.ruleId)).not.toContain('xml/malformed-body');
    // The request was whole: what rules say of it is not partial.
    expect(findings.filter((f) => f.location?.side === 'request').every((f) => f.partial === undefined)).toBe(true);
  });

  it('is not judged at all when not even one response is whole, as before', () => {
    const ex = exchange({ method: 'REPORT', path: CALENDAR, headers: { Depth: '0' }, body: multigetBody([EVENT]), status: 207, responseBodyRaw: cut(ANSWER, 120) });
    expect(createEngine({ rules: allRules }).analyse(ex).filter((f) => f.partial)).toEqual([]);
  });
});

describe('a request body cut at the capture cap', () => {
  it('gets a complete event without DTSTAMP reported as partial, and no complaint about the VTIMEZONE it may have had later', () => {
    const body = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Europe/Berlin:20250101T100000\r\nSUMMARY:no stamp\r\nEND:VEVENT\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n';
    const ex = exchange({ method: 'PUT', path: EVENT, headers: { 'If-None-Match': '*', 'Content-Type': 'text/calendar' }, requestBody: cut(body + 'END:VTIMEZONE\r\nEND:VCALENDAR\r\n', body.length), status: 201 });
    const findings = createEngine({ rules: allRules }).analyse(ex);
    expect(findings.find((f) => f.ruleId === 'ical/required-properties')).toMatchObject({ partial: true });
    expect(findings.map((f) => f.ruleId)).not.toContain('ical/tzid-without-vtimezone');
    expect(findings.map((f) => f.ruleId)).not.toContain('ical/malformed-body');
  });
});
