// Body texts that recur share one parse between their views; any other text gets its own.
import { describe, expect, it } from 'vitest';
import { ExchangeView } from '../../../rules/engine/view.ts';
import { exchange, icalEvent, multistatus, propfindBody } from '../factories.ts';

const ms = (etag: string) => multistatus([{ href: '/alice/calendar/a.ics', propstats: [{ status: 200, props: `<D:getetag>"${etag}"</D:getetag>` }] }]);
const view = (responseBody: string, body = propfindBody()) =>
  new ExchangeView(exchange({ method: 'PROPFIND', path: '/alice/calendar/', headers: { Depth: '1' }, body, status: 207, responseBody }));

describe('recurring body texts', () => {
  it('share the parse of a text once it repeats, and only for that very text', () => {
    const first = view(ms('e1')).xml('response');
    const second = view(ms('e1')).xml('response');
    const third = view(ms('e1')).xml('response');
    expect(second).toEqual(first);
    expect(third).toBe(second);
    // Same length, one character apart: its own parse.
    const other = view(ms('e2')).xml('response');
    expect(other).not.toBe(third);
    expect(JSON.stringify(other)).toContain('e2');
    expect(JSON.stringify(third)).not.toContain('e2');
  });

  it('share the multistatus entries of a shared tree, and read a one-off tree into its own', () => {
    for (let i = 0; i < 3; i++) expect(view(ms('e3')).xml('response')?.ok).toBe(true);
    const a = view(ms('e3'));
    const b = view(ms('e3'));
    expect(a.xml('response')).toBe(b.xml('response'));
    expect(a.multistatus).toBe(b.multistatus);
    const once = view(ms('e5')).multistatus;
    expect(once?.map((e) => [e.href, e.propstats[0]!.props])).toEqual([['/alice/calendar/a.ics', ['{DAV:}getetag']]]);
    expect(JSON.stringify(once![0]!.element)).toContain('e5');
    expect(once![0]!.propstats[0]!.prop).not.toBe(a.multistatus![0]!.propstats[0]!.prop);
  });

  it('share the iCalendar tree and verdict of a recurring .ics, and keep a malformed one malformed', () => {
    const get = (text: string) =>
      new ExchangeView(exchange({ method: 'GET', path: '/alice/calendar/a.ics', status: 200, responseHeaders: { 'Content-Type': 'text/calendar' }, responseBody: text }));
    const good = icalEvent({ uid: 'recurring-1' });
    // Views parse when asked, in this order.
    const views = [get(good), get(good), get(good), get(good)];
    for (const v of views) expect(v.ical('response')?.ok).toBe(true);
    expect(views[3]!.ical('response')).toBe(views[2]!.ical('response'));
    expect(views[3]!.icalDocument('response')).toBe(views[2]!.icalDocument('response'));
    expect(views[3]!.ical('response')?.ok).toBe(true);
    const bad = good.replace('END:VEVENT\r\n', '');
    const bads = [get(bad), get(bad), get(bad)];
    for (const v of bads) expect(v.ical('response')?.ok).toBe(false);
    expect(bads[2]!.ical('response')).toEqual(bads[0]!.ical('response'));
  });

  it('leave a view released by the engine able to parse again', () => {
    const v = view(ms('e4'));
    const before = v.xml('response');
    v.releaseParses();
    expect(v.xml('response')).toEqual(before);
  });
});
