// `davscope lint` tells each story once: whose fault it is, one primary finding per fact with the
// others folded under it, and a repeated finding shown once with a count (JSON keeps every one).
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../../rules/model/exchange.ts';
import { EVENT, davError, exchange, icalEvent, multigetBody, multistatus, put, report } from '../rules/factories.ts';
import { davscope } from './davscope-cli.ts';
import { writeLintRecording } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-lint-story-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function recording(name: string, exchanges: Exchange[]): Promise<string> {
  const path = join(dir, name);
  await writeLintRecording(path, exchanges);
  return path;
}

interface JsonOut { findings: { exchange: number; rule: string; party: string; foldedInto?: string }[] }

describe('davscope lint tells each story once', () => {
  it('folds the decoded precondition under the UID conflict that explains it, and says whose fault each is', async () => {
    const first = put({ seq: 1, status: 201 });
    const second = exchange({ seq: 2, method: 'PUT', path: '/alice/calendar/copy.ics', headers: { 'If-None-Match': '*' }, body: icalEvent(), status: 409, responseBody: davError(`<C:no-uid-conflict><D:href>${EVENT}</D:href></C:no-uid-conflict>`) });
    const file = await recording('uid.jsonl', [first, second]);
    const json = JSON.parse((await davscope(['lint', file, '--format', 'json', '--fail-on', 'never'])).stdout) as JsonOut;
    const on2 = json.findings.filter((f) => f.exchange === 2);
    expect(on2.find((f) => f.rule === 'caldav/uid-conflict-on-create')).toMatchObject({ party: 'client' });
    expect(on2.find((f) => f.rule === 'caldav/uid-conflict-on-create')!.foldedInto).toBeUndefined();
    expect(on2.find((f) => f.rule === 'webdav/precondition-error')).toMatchObject({ foldedInto: 'caldav/uid-conflict-on-create' });
    const text = (await davscope(['lint', file, '--fail-on', 'never'])).stdout;
    expect(text).toMatch(/error {3}caldav\/uid-conflict-on-create \[client\] {2}.*\n {6}also webdav\/precondition-error: PUT answered 409/);
    expect(text).toMatch(/^2 exchanges, 1 finding: 1 error, 0 warnings, 0 info$/m);
  });

  it('shows the same finding from the same client on the same kind of request once, with a count', async () => {
    const multiget = (seq: number) => report({ seq, headers: { Depth: '1' }, body: multigetBody([EVENT]), responseBody: multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] }]) });
    const file = await recording('repeats.jsonl', [multiget(1), multiget(2), multiget(3)]);
    const text = (await davscope(['lint', file, '--fail-on', 'never'])).stdout;
    expect(text.match(/caldav\/multiget-with-depth \[client\]/g)).toHaveLength(1);
    expect(text).toContain('repeated (shown once above, at the first exchange):\n  caldav/multiget-with-depth on calendar-multiget REPORT: 3 times, first #1');
    const json = JSON.parse((await davscope(['lint', file, '--format', 'json', '--fail-on', 'never'])).stdout) as JsonOut;
    expect(json.findings.filter((f) => f.rule === 'caldav/multiget-with-depth').map((f) => f.exchange)).toEqual([1, 2, 3]);
  });
});
