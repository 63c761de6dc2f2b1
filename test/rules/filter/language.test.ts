// The filter language: precedence and negation, every key on realistic exchanges from the shared
// factory, errors that say where and what to write, and matching that stays linear.
import { describe, expect, it } from 'vitest';
import { compileFilterText, FilterError, parseFilter, readsWholeExchange, requestOnlyProblem } from '../../../rules/filter/language.ts';
import { subjectOfExchange, subjectOfRow } from '../../../rules/filter/subjects.ts';
import { rowOf } from '../../../rules/model/protocol.ts';
import { exchange, CAL_NS, DAV_NS, EVENT, CALENDAR, icalEvent } from '../factories.ts';
import { growth, LINEAR } from '../../harness/growth.ts';
import type { Finding } from '../../../rules/model/exchange.ts';

const finding = (ruleId: string, severity: Finding['severity']): Finding => ({ ruleId, severity, messageId: 'm', message: 'm', explanation: 'e', fix: 'f', specs: [] });

const put = subjectOfExchange(exchange({ method: 'PUT', path: EVENT, headers: { 'If-None-Match': '*', 'Content-Type': 'text/calendar' }, body: icalEvent({ extra: ['SUMMARY:Planning'] }), status: 412, findings: [finding('caldav/uid-conflict-on-create', 'warning')] }));
const multiget = subjectOfExchange(
  exchange({
    method: 'REPORT',
    path: CALENDAR,
    headers: { Depth: '1' },
    body: `<?xml version="1.0"?><C:calendar-multiget ${DAV_NS} ${CAL_NS}><D:prop><D:getetag/></D:prop><D:href>${EVENT}</D:href></C:calendar-multiget>`,
    status: 207,
    responseHeaders: { ETag: '"x"' },
    responseBody: `<?xml version="1.0"?><D:multistatus ${DAV_NS}><D:response><D:href>${EVENT}</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>`,
  }),
);
const failed = subjectOfExchange(exchange({ method: 'GET', path: '/alice/x.ics', noResponse: true }));
const all = { put, multiget, failed };

function picks(text: string): string[] {
  const m = compileFilterText(text);
  return Object.entries(all).filter(([, s]) => m(s)).map(([name]) => name);
}

describe('the filter language', () => {
  it.each([
    ['', ['put', 'multiget', 'failed']],
    ['method:PUT', ['put']],
    ['method:put,report', ['put', 'multiget']],
    ['status:4xx', ['put']],
    ['status:207', ['multiget']],
    ['status:failed', ['failed']],
    ['path:/alice/calendar/*.ics', ['put']],
    ['path:/alice/**', ['put', 'multiget', 'failed']],
    ['header:If-None-Match', ['put']],
    ['req.header:Depth=1', ['multiget']],
    ['res.header:ETag', ['multiget']],
    ['req.header:ETag', []],
    ['body:planning', ['put']],
    ['res.body:"/HTTP\\/1\\.1 200/"', ['multiget']],
    ['body:"BEGIN:VEVENT"', ['put']],
    // A regular expression keeps its groups, spaces and a slash in a class: the parser reads it to its closing slash.
    ['req.body:/SUMMARY:(Plan|Review)ning/ and method:PUT', ['put']],
    ['body:/(nothing|nowhere) here/i or status:207', ['multiget']],
    ['res.body:/HTTP[/]1\\.1 200/', ['multiget']],
    ['(req.body:/(VEVENT)/)', ['put']],
    ['xml:C:calendar-multiget', ['multiget']],
    ['xml:{urn:ietf:params:xml:ns:caldav}calendar-multiget', ['multiget']],
    ['xml:multistatus', ['multiget']],
    ['rule:caldav/', ['put']],
    ['rule:uid-conflict', ['put']],
    ['severity:warning', ['put']],
    ['severity:error', []],
    ['has:findings', ['put']],
    ['source:live', ['put', 'multiget', 'failed']],
    ['source:replayed', []],
    ['REPORT', ['multiget']],
    ['"If-None-Match: *"', ['put']],
  ])('"%s" picks %j', (text, expected) => {
    expect(picks(text)).toEqual(expected);
  });

  it('judges folded findings alike on a whole exchange (lint, the store) and on its list row: rule: and severity: see primaries only', () => {
    const ex = exchange({ method: 'PUT', path: EVENT, status: 409, findings: [finding('caldav/uid-conflict-on-create', 'error'), { ...finding('webdav/precondition-error', 'info'), foldedInto: 'caldav/uid-conflict-on-create' }] });
    for (const subject of [subjectOfExchange(ex), subjectOfRow(rowOf(ex, 'analysed'))]) {
      expect(compileFilterText('rule:caldav/uid-conflict')(subject)).toBe(true);
      expect(compileFilterText('rule:webdav/precondition-error')(subject)).toBe(false);
    }
  });

  it('says where a regular expression is not closed', () => {
    expect(() => compileFilterText('method:PUT and body:/(open')).toThrow(expect.objectContaining({ message: expect.stringContaining('a regular expression is not closed'), position: 20 }));
  });

  it('binds and tighter than or, takes not and - and !, and parentheses', () => {
    expect(picks('method:GET or method:PUT status:412')).toEqual(['put', 'failed']);
    expect(picks('(method:GET or method:PUT) and status:412')).toEqual(['put']);
    expect(picks('not method:PUT')).toEqual(['multiget', 'failed']);
    expect(picks('-method:PUT !status:failed')).toEqual(['multiget']);
    expect(picks('not (method:PUT or method:GET)')).toEqual(['multiget']);
    expect(picks('method:PUT and not header:If-Match')).toEqual(['put']);
  });

  it.each([
    ['verb:PUT', 0, /unknown key "verb:".*Known keys/],
    ['mehtod:PUT', 0, /did you mean method:\?/],
    ['method:PUT and', 14, /ends where a term was expected/],
    ['(method:PUT', 0, /"\(" is not closed/],
    ['method:PUT )', 11, /without its "\("/],
    ['status:', 7, /needs a value, e.g. status:4xx/],
    ['status:teapot', 0, /status: wants a code/],
    ['body:"unclosed', 5, /quote is not closed/],
    ['severity:fatal', 0, /error, warning or info/],
    ['res.body:"/(/"', 0, /does not compile/],
  ])('refuses %j at character %i, saying what to write', (text, position, message) => {
    let err: unknown;
    try {
      compileFilterText(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FilterError);
    expect((err as FilterError).position).toBe(position);
    expect((err as Error).message).toMatch(message);
  });

  it('says which term intercept cannot decide before the answer', () => {
    expect(requestOnlyProblem('method:PUT path:/cal/ header:If-Match xml:C:calendar-query')).toBeUndefined();
    expect(requestOnlyProblem('method:PUT or status:412')).toMatch(/^status: is only known once the answer is in \(at character 15\)/);
  });

  it('picks by whose fault the findings are, leaving folded ones out, and says what party: takes', () => {
    const withParties = (...parties: (Finding['party'] | 'folded')[]) =>
      subjectOfExchange(exchange({ method: 'PUT', path: EVENT, status: 201, findings: parties.map((p, i) => ({ ...finding(`r/${i}`, 'warning'), ...(p === 'folded' ? { party: 'server' as const, foldedInto: 'r/0' } : { party: p }) })) }));
    const server = compileFilterText('party:server');
    expect(server(withParties('server'))).toBe(true);
    expect(server(withParties('client'))).toBe(false);
    expect(server(withParties('client', 'folded'))).toBe(false);
    expect(compileFilterText('party:client,both')(withParties('both'))).toBe(true);
    expect(compileFilterText('not party:client')(withParties('unknown'))).toBe(true);
    expect(() => compileFilterText('party:proxy')).toThrow(/party: is client, server, both or unknown, not "proxy"/);
  });

  it('knows which filters a list row cannot judge alone (bodies, XML, one side\'s headers)', () => {
    for (const f of ['body:x', 'method:PUT and not res.body:/a/', 'xml:C:calendar-multiget', 'req.header:Depth=1', 'has:body', '(a or (b and res.header:ETag))']) expect(readsWholeExchange(f), f).toBe(true);
    for (const f of ['', 'method:PUT', 'header:ETag status:4xx', 'has:findings', 'rule:caldav/ or word', 'xml:(']) expect(readsWholeExchange(f), f).toBe(false);
  });

  it('matches 50,000 subjects in time linear in their number', () => {
    const m = compileFilterText('(method:PUT or method:REPORT) and not rule:http/ path:/alice/** header:Depth');
    parseFilter('a');
    const ratio = growth((n) => Array.from({ length: n }, (_, i) => (i % 2 ? put : multiget)), (list) => list.forEach((s) => m(s)), 12_500);
    expect(ratio).toBeLessThan(4 * LINEAR);
  });
});
