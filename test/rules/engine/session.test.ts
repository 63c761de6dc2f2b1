// Session facts for the scheduling and discovery rules: calendar-user addresses, outbox URLs, per-URL OPTIONS tokens.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../rules/engine/engine.ts';
import { CALENDAR, PRINCIPAL, del, get, mkcalendar, mkcol, multistatus, options, propfind, propfindBody, put } from '../factories.ts';
import { growth, LINEAR } from '../../harness/growth.ts';

function principalPropfind() {
  return propfind({
    path: PRINCIPAL,
    headers: { Depth: '0' },
    body: propfindBody('<C:calendar-user-address-set/><C:schedule-outbox-URL/>'),
    responseBody: multistatus([
      {
        href: PRINCIPAL,
        propstats: [
          {
            status: 200,
            props:
              '<C:calendar-user-address-set><D:href>MAILTO:Alice@Example.com</D:href><D:href>/alice/</D:href></C:calendar-user-address-set>' +
              '<C:schedule-outbox-URL><D:href>/alice/outbox/</D:href></C:schedule-outbox-URL>',
          },
        ],
      },
    ]),
  });
}

describe('session principal data', () => {
  it('learns calendar-user addresses (lower-cased) and the outbox URL from a PROPFIND', () => {
    const engine = createEngine({ rules: [] });
    expect(engine.context.calendarUserAddresses.size).toBe(0);
    engine.analyse(principalPropfind());
    expect([...engine.context.calendarUserAddresses]).toEqual(['mailto:alice@example.com', '/alice/']);
    expect([...engine.context.scheduleOutboxes]).toEqual(['/alice/outbox']);
  });

  it('ignores the properties when their propstat failed', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(
      propfind({
        path: PRINCIPAL,
        responseBody: multistatus([{ href: PRINCIPAL, propstats: [{ status: 404, props: '<C:calendar-user-address-set/><C:schedule-outbox-URL/>' }] }]),
      }),
    );
    expect(engine.context.calendarUserAddresses.size).toBe(0);
    expect(engine.context.scheduleOutboxes.size).toBe(0);
  });
});

describe('session capabilities per URL', () => {
  it('keeps the DAV tokens of the last OPTIONS at each URL', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(options({ path: '/', responseHeaders: { DAV: '1, 2' } }));
    engine.analyse(options({ path: CALENDAR }));
    expect([...(engine.context.capabilitiesAt('/') ?? [])]).toEqual(['1', '2']);
    expect(engine.context.capabilitiesAt('/alice/calendar')?.has('calendar-access')).toBe(true);
    expect(engine.context.capabilitiesAt('/alice/')).toBeUndefined();
  });

  it('records an OPTIONS answered without a DAV header as an empty set, and ignores failed ones', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(options({ path: '/web/', responseHeaders: { Allow: 'GET, OPTIONS' } }));
    engine.analyse(options({ path: '/gone/', status: 404 }));
    expect(engine.context.capabilitiesAt('/web/')?.size).toBe(0);
    expect(engine.context.capabilitiesAt('/gone/')).toBeUndefined();
  });
});

describe('session resources under deep paths (found by the engine fuzz test)', () => {
  const deep = (segments: number) => '/d' + '/a'.repeat(segments);

  it('learns a 16 KB request-target of 8,000 segments without indexing every ancestor (linear, not segments x length)', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(put({ path: deep(10) + '/x.ics' }));
    engine.analyse(get({ path: deep(8_000) + '/x.ics' }));
    expect(engine.context.resource(deep(8_000) + '/x.ics')?.exists).toBe(true);
    const ratio = growth(
      (n) => {
        const e = createEngine({ rules: [] });
        e.analyse(put({ path: deep(10) + '/x.ics' }));
        return { e, ex: get({ path: deep(n) + '/x.ics' }) };
      },
      ({ e, ex }) => void e.analyse(ex),
      8_000,
    );
    expect(ratio, `time at 16,000 segments / at 8,000: ${ratio.toFixed(2)}`).toBeLessThan(LINEAR);
  });

  it('forgets members deeper than the index when an ancestor collection is deleted', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(put({ path: deep(100) + '/x.ics' }));
    engine.analyse(put({ path: deep(3) + '/y.ics' }));
    engine.analyse(put({ path: '/other' + '/a'.repeat(100) + '/z.ics' }));
    expect(engine.context.resource(deep(100) + '/x.ics')?.exists).toBe(true);
    engine.analyse(del({ path: '/d/a/' }));
    expect(engine.context.resource(deep(100) + '/x.ics')?.exists).toBe(false);
    expect(engine.context.resource(deep(3) + '/y.ics')?.exists).toBe(false);
    expect(engine.context.resource('/other' + '/a'.repeat(100) + '/z.ics')?.exists).toBe(true);
  });
});

describe('session resources under a collection created anew', () => {
  it('forgets what was below a URL once MKCALENDAR or MKCOL created a collection there', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(put({ path: '/alice/work/a.ics' }));
    engine.analyse(put({ path: '/alice/home/b.ics' }));
    expect(engine.context.resource('/alice/work/a.ics')?.exists).toBe(true);
    engine.analyse(mkcalendar({ path: '/alice/work/', status: 201 }));
    engine.analyse(mkcol({ path: '/alice/home/', status: 405 }));
    expect(engine.context.resource('/alice/work/a.ics')?.exists).toBe(false);
    expect(engine.context.isCalendar('/alice/work/')).toBe(true);
    // A refused MKCOL created nothing: what was below stays.
    expect(engine.context.resource('/alice/home/b.ics')?.exists).toBe(true);
  });
});
