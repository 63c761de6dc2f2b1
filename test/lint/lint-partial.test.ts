// `davscope lint` on a recording whose response body was cut at the capture cap: what was kept is
// judged, and both the text and the JSON say the finding is partial.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALENDAR, EVENT, exchange, multigetBody, multistatus } from '../rules/factories.ts';
import { davscope } from './davscope-cli.ts';
import { writeLintRecording } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-lint-partial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function recordingWithCutAnswer(): Promise<string> {
  const answer = multistatus([{ href: EVENT, status: 404 }, { href: '/alice/calendar/event-2.ics', propstats: [{ status: 200, props: '<D:getetag>"e2"</D:getetag>' }] }]);
  const bytes = new TextEncoder().encode(answer);
  const at = answer.lastIndexOf('<D:response>') + 30;
  const ex = exchange({ method: 'REPORT', path: CALENDAR, body: multigetBody([EVENT, '/alice/calendar/event-2.ics']), status: 207, responseBodyRaw: { kind: 'captured', bytes: bytes.slice(0, at), size: bytes.length, truncated: true } });
  const path = join(dir, 'cut.jsonl');
  await writeLintRecording(path, [ex]);
  return path;
}

describe('davscope lint on a body cut at the capture cap', () => {
  it('reports the failure in the kept part and says it is partial, in text and JSON', async () => {
    const file = await recordingWithCutAnswer();
    const text = await davscope(['lint', file, '--fail-on', 'never']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/webdav\/multistatus-failure .*\/alice\/calendar\/event-1\.ics 404.*\(on the part of the body kept under --max-body\)/);
    const json = JSON.parse((await davscope(['lint', file, '--format', 'json', '--fail-on', 'never'])).stdout) as { findings: { rule: string; partial?: boolean }[] };
    expect(json.findings.find((f) => f.rule === 'webdav/multistatus-failure')).toMatchObject({ partial: true });
    expect(json.findings.filter((f) => f.rule !== 'webdav/multistatus-failure').every((f) => f.partial === undefined)).toBe(true);
  });
});
