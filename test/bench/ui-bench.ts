// The inspector at scale: runs the Chromium scale test (50,000 exchanges) and returns the figures it
// prints (page load, scroll, filter), so `npm run bench` reports them with the rest.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function uiFigures(): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url)), 'run', 'test/ui/scale.test.ts', '--reporter=default'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', DAVSCOPE_BENCH: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => {
      const block = /UI scale benchmark[^\n]*\n((?: {2}[^\n]+\n?)+)/.exec(out);
      if (!block) return reject(new Error(`the UI scale test printed no figures (exit ${code}):\n${out.slice(-3000)}`));
      const figures: Record<string, string> = {};
      for (const line of block[1].split('\n')) {
        const m = /^ {2}(.+?): (.+)$/.exec(line);
        if (m) figures[m[1]] = m[2];
      }
      if (code !== 0) figures['test result'] = `failed (exit ${code})`;
      resolve(figures);
    });
  });
}
