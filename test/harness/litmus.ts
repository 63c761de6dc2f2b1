// Runs litmus (the WebDAV compliance suite, all five suites with -k) and normalises its output to
// one "suite number name result" line per test: its failure messages carry stray bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.ts';

export interface LitmusResult {
  readonly tests: string[];
  readonly raw: string;
}

export async function runLitmus(url: string, user?: string, password?: string): Promise<LitmusResult> {
  const cwd = mkdtempSync(join(tmpdir(), 'davscope-litmus-'));
  try {
    const args = ['-k', url, ...(user ? [user, password ?? ''] : [])];
    const res = await run('litmus', args, { cwd, timeoutMs: 300_000 });
    const raw = res.stdout.replace(/\r/g, '\n');
    const tests: string[] = [];
    let suite = '';
    for (const line of raw.split('\n')) {
      const s = /^-> running `([a-z0-9]+)'/.exec(line);
      if (s) suite = s[1];
      const t = /^\s*(\d+)\.\s+([a-z0-9_]+)\.*\s*(pass|FAIL|SKIPPED|WARNING)/.exec(line);
      if (t) tests.push(`${suite} ${t[1]} ${t[2]} ${t[3]}`);
    }
    return { tests, raw };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
