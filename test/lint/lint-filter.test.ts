// `davscope lint --filter`, run as a user runs it: only the exchanges the expression picks are
// reported (the rules still see the whole session), and a mistake is shown with a caret.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingWriter } from '../../proxy/recording/writer.ts';
import { sampleExchanges, UPSTREAM } from '../recording/fixtures.ts';
import { davscope } from './davscope-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-lint-filter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function recording(): Promise<string> {
  const path = join(dir, 'session.jsonl');
  const writer = await RecordingWriter.open(path, { upstream: UPSTREAM, davscope: '0.1.0', redact: false });
  for (const ex of sampleExchanges()) void writer.append(ex);
  await writer.close();
  return path;
}

describe('davscope lint --filter', () => {
  it('reports only what the expression picks, with the file indexes unchanged', async () => {
    const file = await recording();
    const all = JSON.parse((await davscope(['lint', file, '--format', 'json', '--fail-on', 'never'])).stdout) as { findings: { exchange: number; method: string }[] };
    expect(new Set(all.findings.map((f) => f.method)).size).toBeGreaterThan(1);
    const puts = await davscope(['lint', file, '--format', 'json', '--fail-on', 'never', '--filter', 'method:PUT']);
    expect(puts.code, puts.stderr).toBe(0);
    const picked = (JSON.parse(puts.stdout) as { findings: { exchange: number; method: string }[] }).findings;
    expect(picked.length).toBeGreaterThan(0);
    expect(picked).toEqual(all.findings.filter((f) => f.method === 'PUT'));
    const none = JSON.parse((await davscope(['lint', file, '--format', 'json', '--fail-on', 'never', '--filter', 'method:PUT and not rule:caldav/ and not rule:http/ and not rule:ical/ and not rule:webdav/ and not rule:xml/'])).stdout) as { findings: unknown[] };
    expect(none.findings).toEqual([]);
  });

  it('refuses a bad expression with exit 2, a caret under the mistake and what to write', async () => {
    const file = await recording();
    const r = await davscope(['lint', file, '--filter', 'method:PUT and mehtod:GET']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean method:?');
    expect(r.stderr).toContain('  method:PUT and mehtod:GET\n                 ^');
  });
});
