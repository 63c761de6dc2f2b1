// The pure interop table: which cells differ (majority, ties, a reference column), what the
// summary counts, what the capabilities say from exchanges alone, and that the renderers show
// traffic as text only.
import { describe, expect, it } from 'vitest';
import { buildRows, summarise, type CellInput, type InteropColumn } from '../../../rules/interop/table.ts';
import { cellParts, faultLines } from '../../../rules/interop/cell-text.ts';
import { capabilitiesOf } from '../../../rules/interop/capabilities.ts';
import type { Finding } from '../../../rules/model/exchange.ts';
import { renderHtml } from '../../../proxy/interop/render-html.ts';
import { renderMarkdown } from '../../../proxy/interop/render-markdown.ts';
import { davError, put, options, propfind, multistatus, CALENDAR, EVENT } from '../factories.ts';

const columns: InteropColumn[] = [
  { name: 'recorded', url: 'http://a/' },
  { name: 'b', url: 'http://b/' },
  { name: 'c', url: 'http://c/' },
];

const finding = (ruleId: string, extra: object = {}): Finding => ({ ruleId, messageId: 'm', severity: 'warning', message: 'msg', explanation: '', fix: '', specs: [], ...extra });

function table(statuses: number[], reference?: number, findings: Finding[][] = []) {
  const recorded = [put({ status: statuses[0]! })];
  const inputs: CellInput[][] = statuses.map((status, i) => [{ exchange: put({ status, responseHeaders: { ETag: '"1"' } }), findings: findings[i] ?? [] }]);
  const rows = buildRows(recorded, inputs, columns.slice(0, statuses.length), reference);
  return { rows, summary: summarise(rows, columns.slice(0, statuses.length)) };
}

describe('the interop table', () => {
  it('given two servers agreeing and one not, marks only the odd one', () => {
    const { rows, summary } = table([201, 201, 204]);
    expect(rows[0]!.cells.map((c) => c.differs)).toEqual([[], [], ['status']]);
    expect(summary.map((s) => s.differing)).toEqual([0, 0, 1]);
    expect(summary[2]!.byKind.status).toBe(1);
  });

  it('lists what the rules lay at each server\'s door, with the RFC, and the differing rows they blame it for nothing', () => {
    const fault = finding('http/put-replace-answered-created', { party: 'server', message: 'answered 201 to an update', specs: [{ spec: 'RFC 9110', section: '9.3.4', url: 'u' }] });
    const { summary } = table([201, 201, 204], undefined, [[], [fault], [finding('caldav/x', { party: 'client' })]]);
    expect(summary[1]!.faults).toEqual([{ index: 1, ruleId: 'http/put-replace-answered-created', message: 'answered 201 to an update', specs: ['RFC 9110 §9.3.4'] }]);
    expect(summary[1]!.variation).toEqual([]);
    // The third differs (204), and what it raised is the client's: variation, not a server fault.
    expect(summary[2]!.faults).toEqual([]);
    expect(summary[2]!.variation).toEqual([1]);
    expect(faultLines(summary[1]!).faults).toEqual(['#1 http/put-replace-answered-created (RFC 9110 §9.3.4): answered 201 to an update']);
    expect(faultLines(summary[2]!).variation).toBe("differs where no rule blames it (allowed variation, or the client's doing): #1");
    // A report written before these fields existed says nothing rather than failing.
    expect(faultLines({ name: 'old', differing: 0, byKind: summary[0]!.byKind })).toEqual({ faults: [], variation: undefined });
  });

  it('given a one-to-one tie, takes the leftmost value (the recording) as the majority', () => {
    const { rows } = table([201, 204]);
    expect(rows[0]!.cells.map((c) => c.differs)).toEqual([[], ['status']]);
  });

  it('given a reference column, marks every cell that parts from it, the majority notwithstanding', () => {
    const { rows } = table([201, 201, 204], 2);
    expect(rows[0]!.cells.map((c) => c.differs)).toEqual([['status'], ['status'], []]);
  });

  it('given a finding only one server raised, counts it as a finding only there, and shows its party when present', () => {
    const { rows, summary } = table([201, 201, 201], undefined, [[], [], [finding('x/only-here', { party: 'server' })]]);
    expect(rows[0]!.cells[2]!.differs).toEqual(['findings']);
    expect(summary[2]!.byKind.findingOnlyHere).toBe(1);
    // What the rules call the server's own fault is counted apart from allowed variation.
    expect(summary.map((s) => s.byKind.serverFault)).toEqual([0, 0, 1]);
    expect(rows[0]!.cells[2]!.findingsDiff).toEqual({ extra: ['x/only-here'], missing: [] });
    expect(cellParts(rows[0]!.cells[2]!).filter((p) => p.differs).map((p) => p.text)).toEqual(['x/only-here (warning, server)']);
  });

  it('leaves a folded finding out of the cell: it restates its primary', () => {
    const { rows } = table([409, 409], undefined, [[finding('caldav/uid-conflict-on-create')], [finding('caldav/uid-conflict-on-create'), finding('webdav/precondition-error', { foldedInto: 'caldav/uid-conflict-on-create' })]]);
    expect(rows[0]!.cells[1]!.findings.map((f) => f.ruleId)).toEqual(['caldav/uid-conflict-on-create']);
    expect(rows[0]!.cells[1]!.differs).toEqual([]);
  });

  it('given a server without a finding the others raised, marks that finding as missing there and no other', () => {
    const { rows } = table([201, 201, 201], undefined, [[finding('x/shared'), finding('x/common')], [finding('x/shared'), finding('x/common')], [finding('x/shared')]]);
    expect(rows[0]!.cells[2]!.findingsDiff).toEqual({ extra: [], missing: ['x/common'] });
    expect(cellParts(rows[0]!.cells[2]!).map((p) => [p.text, p.differs])).toEqual([['201', false], ['ETag strong', false], ['x/shared (warning)', false], ['without x/common', true]]);
  });

  it('given an unreachable column, leaves it out of the comparison and says why in each of its cells', () => {
    const cols = [...columns.slice(0, 2), { name: 'c', url: 'http://c/', error: 'unreachable: ECONNREFUSED' }];
    const rows = buildRows([put()], [[{ exchange: put() }], [{ exchange: put({ status: 204 }) }], []], cols);
    expect(rows[0]!.cells[2]).toMatchObject({ status: '-', note: 'unreachable: ECONNREFUSED', differs: [] });
    expect(rows[0]!.cells[1]!.differs).toEqual(['status']);
  });

  it('given a DAV:error body, shows its precondition decoded', () => {
    const ex = put({ status: 409, responseBody: davError('<C:no-uid-conflict><D:href>/x.ics</D:href></C:no-uid-conflict>') });
    const rows = buildRows([ex], [[{ exchange: ex }]], columns.slice(0, 1));
    expect(rows[0]!.cells[0]!.conditions).toEqual(['CALDAV:no-uid-conflict']);
  });
});

describe('capabilities from exchanges', () => {
  it('reads DAV classes and Allow from OPTIONS, components from a PROPFIND, and If-None-Match: * from two PUTs to one href', () => {
    const caps = capabilitiesOf(
      [put({ path: EVENT, headers: { 'If-None-Match': '*' }, status: 201 }), put({ path: EVENT, headers: { 'If-None-Match': '*' }, status: 204 })],
      [
        options({ responseHeaders: { DAV: '1, 2, calendar-access', Allow: 'GET, PUT' } }),
        propfind({ path: CALENDAR, status: 207, responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<C:supported-calendar-component-set><C:comp name="VTODO"/><C:comp name="VEVENT"/></C:supported-calendar-component-set>' }] }]) }),
      ],
    );
    expect(caps.davClasses).toBe('1, 2, calendar-access');
    expect(caps.allow).toBe('GET, PUT');
    expect(caps.components).toBe('VEVENT, VTODO');
    expect(caps.ifNoneMatchStar).toBe('ignored (204: overwrote)');
    expect(caps.supportedReports).toBe('unknown');
    expect(caps.wellKnown).toBe('unknown');
    expect(caps.scheduling).toBe('not announced');
    expect(caps.maxResourceSize).toBe('unknown');
  });

  it('reads scheduling from the DAV classes and a principal inbox, and max-resource-size from a PROPFIND (or its 404)', () => {
    const inbox = propfind({ path: '/u/', status: 207, responseBody: multistatus([{ href: '/u/', propstats: [{ status: 200, props: '<C:schedule-inbox-URL><D:href>/u/inbox/</D:href></C:schedule-inbox-URL>' }] }]) });
    const sized = propfind({ status: 207, responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 200, props: '<C:max-resource-size>10485760</C:max-resource-size>' }] }]) });
    const caps = capabilitiesOf([inbox], [options({ responseHeaders: { DAV: '1, calendar-access, calendar-auto-schedule' } }), sized]);
    expect(caps.scheduling).toBe('calendar-auto-schedule, inbox /u/inbox/');
    expect(caps.maxResourceSize).toBe('10485760 bytes');
    // Xandikos's own word for it is announced, and said to be not the RFC's.
    const near = capabilitiesOf([], [options({ responseHeaders: { DAV: '1, calendar-access, calendar-auto-scheduling' } })]);
    expect(near.scheduling).toBe('calendar-auto-scheduling (RFC 6638 names it calendar-auto-schedule)');
    const refused = capabilitiesOf([], [propfind({ status: 207, responseBody: multistatus([{ href: CALENDAR, propstats: [{ status: 404, props: '<C:max-resource-size/>' }] }]) })]);
    expect(refused.maxResourceSize).toBe('not announced (404)');
    expect(refused.scheduling).toBe('unknown');
  });
});

describe('the renderers', () => {
  it('shows markup from traffic as text in HTML and Markdown', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const ex = put({ path: '/a/<b>.ics', status: 400, responseBody: hostile });
    const rows = buildRows([ex], [[{ exchange: ex, findings: [finding('x/<i>', { message: hostile })] }]], [{ name: '<col>', url: 'http://x/"><script>' }]);
    const result = { columns: [{ name: '<col>', url: 'http://x/"><script>' }], rows, summary: summarise(rows, [{ name: '<col>', url: 'http://x/' }]), capabilities: [capabilitiesOf([ex])] };
    const html = renderHtml(result, [[{ text: hostile }]], 'file<1>.jsonl');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1); // the report's own
    const md = renderMarkdown(result, 'file.jsonl');
    expect(md).not.toContain('<b>');
    expect(md).toContain('/a/&lt;b&gt;.ics');
  });
});
