// Engine tests: configuration, isolation of crashing rules, rendering, timing, and session updates after the rules.
import { describe, expect, it } from 'vitest';
import { createEngine, fold, renderMessage, CRASH_RULE_ID } from '../../../rules/engine/engine.ts';
import type { Finding } from '../../../rules/model/exchange.ts';
import { ConfigError, closeMatches, editDistance } from '../../../rules/engine/config.ts';
import { defineRule, type AnyRule } from '../../../rules/engine/define-rule.ts';
import { rfc } from '../../../rules/model/spec.ts';
import { allRules } from '../../../rules/registry.ts';
import { EVENT, get, options, propfind, put, del, report, multistatus, CALENDAR, icalEvent, move, HOST } from '../factories.ts';

const docs = { summary: 'A test rule.', specs: [rfc(4918, '9.1')], details: 'Teaching text.' };

const everyPut = defineRule({
  id: 'test/every-put',
  severity: 'warning', party: 'client',
  docs,
  messages: { seen: { message: 'PUT to {path} (known: {known})', fix: 'Nothing to fix for {path}.' } },
  check(view, context) {
    if (view.method !== 'PUT') return [];
    return [{ messageId: 'seen', data: { path: view.path, known: String(context.resource(view.path)?.exists ?? 'no') } }];
  },
});

const crashing = defineRule({
  id: 'test/crashing',
  severity: 'info', party: 'client',
  docs,
  messages: { never: { message: 'never', fix: 'never' } },
  check() {
    throw new Error('boom');
  },
});

const bumpy = defineRule({
  id: 'test/bumpy',
  severity: 'error', party: 'client',
  docs,
  messages: { a: { message: 'a', fix: 'f' }, b: { message: 'b', fix: 'g' } },
  check: () => [{ messageId: 'b', severity: 'info', explanation: 'custom' }],
});

describe('createEngine configuration', () => {
  it('rejects an unknown rule id and lists close matches', () => {
    const ids = allRules.map((r) => r.id);
    let error: unknown;
    try {
      createEngine({ rules: allRules, config: { 'caldav/put-create-without-if-none-mach': 'off' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/unknown rule id "caldav\/put-create-without-if-none-mach"/);
    expect((error as Error).message).toMatch(/did you mean "caldav\/put-create-without-if-none-match"/);
    expect(ids.length).toBeGreaterThan(0);
  });

  it('suggests the rule in another layer when only the layer is wrong', () => {
    expect(closeMatches('webdav/put-create-without-if-none-match', ['caldav/put-create-without-if-none-match', 'xml/other'])).toEqual([
      'caldav/put-create-without-if-none-match',
    ]);
  });

  it('rejects a setting that is not a severity or off', () => {
    expect(() => createEngine({ rules: [everyPut], config: { 'test/every-put': 'loud' as never } })).toThrow(/not one of off, info, warning, error/);
  });

  it('rejects a rule registered twice', () => {
    expect(() => createEngine({ rules: [everyPut, everyPut] })).toThrow(/registered twice/);
  });

  it('turns a rule off', () => {
    const engine = createEngine({ rules: [everyPut], config: { 'test/every-put': 'off' } });
    expect(engine.analyse(put())).toEqual([]);
  });

  it('uses the configured severity over the default and over a report override', () => {
    expect(createEngine({ rules: [everyPut], config: { 'test/every-put': 'error' } }).analyse(put())[0]!.severity).toBe('error');
    expect(createEngine({ rules: [bumpy], config: { 'test/bumpy': 'warning' } }).analyse(put())[0]!.severity).toBe('warning');
  });

  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('analyse', () => {
  it('renders messages, fix, explanation and specs from the rule', () => {
    const [f] = createEngine({ rules: [everyPut] }).analyse(put());
    expect(f).toEqual({
      ruleId: 'test/every-put',
      party: 'client',
      messageId: 'seen',
      severity: 'warning',
      message: `PUT to ${EVENT} (known: no)`,
      fix: `Nothing to fix for ${EVENT}.`,
      explanation: 'Teaching text.',
      specs: docs.specs,
    });
  });

  it('lets a report override severity and explanation', () => {
    const [f] = createEngine({ rules: [bumpy] }).analyse(get());
    expect(f!.severity).toBe('info');
    expect(f!.explanation).toBe('custom');
    expect(f!.message).toBe('b');
  });

  it('keeps unknown placeholders visible', () => {
    expect(renderMessage('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
  });

  it('never puts a URL password from report data into a message, whichever rule reported it', () => {
    expect(renderMessage('see {url}', { url: 'http://alice:p@ss@h/x and mailto:bob@h' })).toBe('see http://alice:[redacted]@h/x and mailto:bob@h');
    expect(renderMessage('{href}', { href: '/cal/?access_token=t0k&depth=1' })).toBe('/cal/?access_token=[redacted]&depth=1');
    // A report's own explanation (a server's message quoted) is cleaned the same way.
    const quoting = defineRule({ id: 'test/quoting', severity: 'info', party: 'client', docs, messages: { a: { message: 'a', fix: 'f' } }, check: () => [{ messageId: 'a', explanation: 'server said: see http://u:pw1@h/?sig=abc' }] });
    expect(createEngine({ rules: [quoting] }).analyse(put())[0]!.explanation).toBe('server said: see http://u:[redacted]@h/?sig=[redacted]');
  });

  it('isolates a crashing rule: it becomes a finding and the others still run', () => {
    const engine = createEngine({ rules: [crashing, everyPut] });
    const findings = engine.analyse(put());
    expect(findings.map((f) => f.ruleId)).toEqual([CRASH_RULE_ID, 'test/every-put']);
    expect(findings[0]!.message).toMatch(/test\/crashing.*boom/);
    expect(findings[0]!.severity).toBe('error');
  });

  it('accumulates per-rule timing and counts', () => {
    const engine = createEngine({ rules: [crashing, everyPut] });
    engine.analyse(put());
    engine.analyse(get());
    const stats = Object.fromEntries(engine.stats().map((s) => [s.ruleId, s]));
    expect(stats['test/every-put']).toMatchObject({ calls: 2, findings: 1, crashes: 0 });
    expect(stats['test/crashing']).toMatchObject({ calls: 2, crashes: 2 });
    expect(stats['test/every-put']!.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('updates the session only after the rules ran on an exchange', () => {
    const engine = createEngine({ rules: [everyPut] });
    expect(engine.analyse(put())[0]!.message).toMatch(/known: no/);
    expect(engine.analyse(put({ headers: { 'If-Match': '"e1"' }, status: 204 }))[0]!.message).toMatch(/known: true/);
  });

  it('counts exchanges that arrive out of order without failing', () => {
    const engine = createEngine({ rules: [everyPut] });
    engine.analyse(put({ seq: 10 }));
    engine.analyse(put({ seq: 5 }));
    expect(engine.outOfOrder).toBe(1);
  });

  it('never throws on an exchange without a response', () => {
    const engine = createEngine({ rules: allRules as AnyRule[] });
    expect(() => engine.analyse(put({ noResponse: true }))).not.toThrow();
  });
});

describe('session context', () => {
  it('records capabilities from the DAV header of OPTIONS', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(options());
    expect(engine.context.optionsSeen).toBe(true);
    expect(engine.context.capabilities.has('calendar-access')).toBe(true);
  });

  it('learns existence, ETags, collections and UIDs from a PROPFIND and a PUT', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(propfind());
    expect(engine.context.resource(EVENT)).toMatchObject({ exists: true, etag: '"e1"' });
    expect(engine.context.isCalendar(CALENDAR)).toBe(true);
    expect(engine.context.isCollection('/alice/calendar')).toBe(true);
    engine.analyse(put({ path: '/alice/calendar/b.ics', body: icalEvent({ uid: 'uid-b' }), responseHeaders: { ETag: '"b1"' } }));
    expect(engine.context.hrefForUid(CALENDAR, 'uid-b')).toBe('/alice/calendar/b.ics');
    expect(engine.context.resource(`${HOST}/alice/calendar/b.ics`)?.etag).toBe('"b1"');
  });

  it('forgets a deleted resource and its UID', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(put({ body: icalEvent({ uid: 'u1' }) }));
    engine.analyse(del());
    expect(engine.context.resource(EVENT)?.exists).toBe(false);
    expect(engine.context.hrefForUid(CALENDAR, 'u1')).toBeUndefined();
  });

  it('moves knowledge with a MOVE', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(put({ body: icalEvent({ uid: 'u1' }) }));
    engine.analyse(move());
    expect(engine.context.resource(EVENT)?.exists).toBe(false);
    expect(engine.context.resource('/alice/calendar/event-2.ics')?.exists).toBe(true);
    expect(engine.context.hrefForUid(CALENDAR, 'u1')).toBe('/alice/calendar/event-2.ics');
  });

  it('learns UIDs from calendar-data and sync tokens from a sync report', () => {
    const engine = createEngine({ rules: [] });
    engine.analyse(
      report({
        body: '<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>',
        headers: { Depth: '0' },
        responseBody: multistatus(
          [{ href: EVENT, propstats: [{ status: 200, props: `<D:getetag>"e9"</D:getetag><C:calendar-data>${icalEvent({ uid: 'u9' })}</C:calendar-data>` }] }],
          '<D:sync-token>http://127.0.0.1:5232/sync/1</D:sync-token>',
        ),
      }),
    );
    expect(engine.context.hrefForUid(CALENDAR, 'u9')).toBe(EVENT);
    expect([...engine.context.syncTokensFor(CALENDAR)]).toEqual(['http://127.0.0.1:5232/sync/1']);
  });

  it('keeps a bounded window of recent exchanges', () => {
    const engine = createEngine({ rules: [] });
    for (let i = 0; i < 40; i++) engine.analyse(get());
    expect(engine.context.recent.length).toBe(32);
  });
});

describe('one story per fact', () => {
  const f = (ruleId: string, severity: Finding['severity'], party: Finding['party']): Finding => ({ ruleId, messageId: 'm', severity, message: ruleId, explanation: '', fix: '', specs: [], party });
  it('keeps the most severe finding of a fact as primary and folds the others into it', () => {
    const out = fold([f('webdav/precondition-error', 'error', 'client'), f('http/precondition-failed', 'info', 'client')], new Map([[0, 'refusal'], [1, 'refusal']]));
    expect(out.map((x) => x.foldedInto)).toEqual([undefined, 'webdav/precondition-error']);
  });
  it('at equal severity prefers a named party over unknown, then the more specific layer, then the first', () => {
    const byParty = fold([f('webdav/server-exception', 'info', 'unknown'), f('http/precondition-failed', 'info', 'client')], new Map([[0, 'refusal'], [1, 'refusal']]));
    expect(byParty.map((x) => x.foldedInto)).toEqual(['http/precondition-failed', undefined]);
    const byLayer = fold([f('webdav/precondition-error', 'error', 'client'), f('caldav/uid-conflict-on-create', 'error', 'client')], new Map([[0, 'refusal'], [1, 'refusal']]));
    expect(byLayer.map((x) => x.foldedInto)).toEqual(['caldav/uid-conflict-on-create', undefined]);
    const byOrder = fold([f('caldav/time-range-not-utc', 'error', 'client'), f('caldav/time-range-not-utc', 'error', 'client')], new Map([[0, 'refusal'], [1, 'refusal']]));
    expect(byOrder.map((x) => x.foldedInto)).toEqual([undefined, 'caldav/time-range-not-utc']);
  });
  it('leaves findings of other facts, or of none, alone', () => {
    const out = fold([f('a/x', 'error', 'client'), f('b/y', 'error', 'client'), f('c/z', 'info', 'client')], new Map([[0, 'refusal'], [1, 'other']]));
    expect(out.every((x) => x.foldedInto === undefined)).toBe(true);
  });
  it('folds nothing on a successful exchange: a refusal fact counts only on a 4xx/5xx', () => {
    const refusal = (id: string) => defineRule({ id, severity: 'info', party: 'client', explains: 'refusal', docs: { summary: 'x', specs: [], details: 'x' }, messages: { m: { message: 'm', fix: 'f' } }, check: () => [{ messageId: 'm' as const }] });
    const engine = createEngine({ rules: [refusal('test/a'), refusal('test/b')] });
    expect(engine.analyse(put({ status: 201 })).map((x) => x.foldedInto)).toEqual([undefined, undefined]);
    expect(engine.analyse(put({ status: 412 })).map((x) => x.foldedInto)).toEqual([undefined, 'test/a']);
  });
});
