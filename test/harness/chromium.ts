// Launches Debian's Chromium through playwright-core with the test bed's flags and a fresh profile;
// fails with the command to install it when it is missing (browser tests never skip).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

// Without the background-networking flags Chromium floods the closed test network with connections.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error('Chromium is not installed at /usr/bin/chromium: run `npm run test:all` (it installs the Debian packages the tests need) or `apt-get install -y chromium`');
  }
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a fresh user-data-dir, so no state leaks between runs. */
export async function launchChromium(opts: { colorScheme?: 'light' | 'dark' } = {}): Promise<Browser> {
  assertChromiumInstalled();
  await ensureUiBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'davscope-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ui when it is missing or older than its sources (ui/ and rules/, which the page
 * bundles), so a browser test never runs against a stale page. A lock directory keeps two test
 * files from building at once (one would empty dist/ui under the other).
 */
export async function ensureUiBuilt(): Promise<void> {
  const index = join(ROOT, 'dist/ui/index.html');
  const stale = () => !existsSync(index) || statSync(index).mtimeMs < Math.max(newestMtime(join(ROOT, 'ui')), newestMtime(join(ROOT, 'rules')));
  if (!stale()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const lock = join(ROOT, 'dist/.ui-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A build takes seconds: a lock older than two minutes was left by a test run that was killed.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${lock} stayed locked for 2 minutes: remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (stale()) execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'ui/vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
