// The pure core of faults: a bad file is refused with the field and why, matchers pick what they
// say, the truncated sync answer is well-formed and keeps the server's own bytes, every preset is a
// valid fault.
import { describe, expect, it } from 'vitest';
import { checkFaults, FaultError } from '../../../rules/faults/spec.ts';
import { pathMatches, requestMatches, seededRandom, syncTokenOf } from '../../../rules/faults/match.ts';
import { truncateSyncAnswer } from '../../../rules/faults/truncate-sync.ts';
import { PRESETS } from '../../../rules/faults/presets.ts';
import { parseXml } from '../../../rules/parse/xml/scan.ts';

describe('checkFaults', () => {
  it('accepts every preset as a fault file', () => {
    expect(checkFaults(PRESETS.map((p) => p.fault)).map((f) => f.name)).toEqual(PRESETS.map((p) => p.fault.name));
  });

  it.each([
    [{}, /a list of faults/],
    [[{ name: 'Bad Name', match: {}, action: { kind: 'answer', status: 500 } }], /faults\[0\]\.name/],
    [[{ name: 'a', match: { methodz: ['PUT'] }, action: { kind: 'answer', status: 500 } }], /faults\[0\]\.match\.methodz: unknown/],
    [[{ name: 'a', match: {}, action: { kind: 'explode' } }], /faults\[0\]\.action\.kind: one of answer, alter/],
    [[{ name: 'a', match: {}, action: { kind: 'answer', status: 99 } }], /action\.status: a status from 200 to 599/],
    [[{ name: 'a', match: { probability: 2 }, action: { kind: 'delay', ms: 1 } }], /probability: a number from 0 to 1/],
    [[{ name: 'a', match: {}, action: { kind: 'answer', status: 500, headers: [['X', 'a\r\nb']] } }], /headers: a list/],
    [[{ name: 'a', match: {}, action: { kind: 'delay', ms: 1 } }, { name: 'a', match: {}, action: { kind: 'delay', ms: 1 } }], /"a" is used twice/],
  ])('refuses %j, naming the field', (value, message) => {
    expect(() => checkFaults(value)).toThrow(FaultError);
    expect(() => checkFaults(value)).toThrow(message);
  });
});

describe('matching', () => {
  const sync = (token: string) => `<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>${token}</D:sync-token><D:sync-level>1</D:sync-level><D:prop/></D:sync-collection>`;
  it('globs paths: * within a segment, ** across; no * is a substring', () => {
    expect(pathMatches('/cal/*.ics', '/cal/a.ics')).toBe(true);
    expect(pathMatches('/cal/*.ics', '/cal/x/a.ics')).toBe(false);
    expect(pathMatches('**/*.ics', '/alice/work/a.ics')).toBe(true);
    expect(pathMatches('/work/', '/alice/work/a.ics')).toBe(true);
  });

  it('tells a sync-collection with a token from an initial one, and picks by XML element', () => {
    expect(syncTokenOf(sync('http://x/sync/5'))).toBe('http://x/sync/5');
    expect(syncTokenOf(sync(''))).toBe('');
    expect(syncTokenOf('<a/>')).toBeUndefined();
    const r = (body: string) => ({ method: 'REPORT', target: '/c/', headers: [], body });
    expect(requestMatches({ syncToken: true }, r(sync('t1')))).toBe(true);
    expect(requestMatches({ syncToken: true }, r(sync('')))).toBe(false);
    expect(requestMatches({ syncToken: false }, r(sync('')))).toBe(true);
    expect(requestMatches({ xmlElement: 'sync-collection' }, r(sync('')))).toBe(true);
    expect(requestMatches({ xmlElement: '{urn:ietf:params:xml:ns:caldav}calendar-query' }, r(sync('')))).toBe(false);
  });

  it('matches methods, headers and the trailing slash', () => {
    const put = { method: 'put', target: '/c/a.ics', headers: [['If-Match', '"1"']] as [string, string][] };
    expect(requestMatches({ methods: ['PUT'], header: { name: 'if-match' } }, put)).toBe(true);
    expect(requestMatches({ header: { name: 'If-None-Match' } }, put)).toBe(false);
    expect(requestMatches({ trailingSlash: false }, put)).toBe(true);
    expect(requestMatches({ trailingSlash: true }, put)).toBe(false);
  });

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('truncateSyncAnswer', () => {
  const answer = `<?xml version="1.0" encoding="utf-8"?>
<multistatus xmlns="DAV:"><response><href>/c/1.ics</href><propstat><prop><getetag>"1"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/c/2.ics</href><propstat><prop><getetag>"2"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response><sync-token>http://x/sync/9</sync-token></multistatus>`;

  it('keeps the first members byte for byte, adds 507 for the collection and gives back the old token', () => {
    const cut = truncateSyncAnswer(answer, 1, '/c/', 'http://x/sync/5')!;
    expect(parseXml(cut).ok).toBe(true);
    expect(cut).toContain('<response><href>/c/1.ics</href><propstat><prop><getetag>"1"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response>');
    expect(cut).not.toContain('/c/2.ics');
    expect(cut).toContain('<response><href>/c/</href><status>HTTP/1.1 507 Insufficient Storage</status></response>');
    expect(cut).toContain('<sync-token>http://x/sync/5</sync-token>');
  });

  it('works with a prefixed DAV namespace and refuses what is not a multistatus', () => {
    const prefixed = answer.replace(/<(\/?)(multistatus|response|href|propstat|prop|getetag|status|sync-token)/g, '<$1D:$2').replace('xmlns="DAV:"', 'xmlns:D="DAV:"');
    const cut = truncateSyncAnswer(prefixed, 0, '/c/', '')!;
    expect(cut).toContain('<D:response><D:href>/c/</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status></D:response>');
    expect(cut).toContain('<D:sync-token></D:sync-token>');
    expect(truncateSyncAnswer('<error xmlns="DAV:"/>', 1, '/c/', '')).toBeUndefined();
  });
});
