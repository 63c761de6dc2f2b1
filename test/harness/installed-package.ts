// Packs davscope as `npm pack` does and installs the tarball in an empty temp project, as a user
// would, without the internet: the project gets a lockfile naming the tarball and davscope's own
// runtime dependencies as this checkout's lockfile resolved them, so `npm ci --offline` takes them
// from the npm cache `npm ci` filled. dist/ is built before the tests run (npm run test:all), so the
// pack skips prepack rather than rebuild dist/ under tests that are using it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface InstalledPackage {
  /** The temp project davscope is installed in. */
  readonly project: string;
  /** node_modules/davscope inside it. */
  readonly dir: string;
  /** Its bin/davscope.js. */
  readonly bin: string;
  /** The paths inside the tarball (package/...). */
  readonly files: readonly string[];
  remove(): void;
}

export function packAndInstall(): InstalledPackage {
  const work = mkdtempSync(join(tmpdir(), 'davscope-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  const tgz = join(work, packed[0]!.filename);
  const project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'try-davscope', version: '1.0.0', dependencies: { davscope: `file:${tgz}` } },
    'node_modules/davscope': { version: pkg.version, resolved: `file:${tgz}`, integrity, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  // The runtime dependencies and theirs (nested ones included), as this checkout resolved them:
  // every lock entry that is not for development.
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev === true || entry.devOptional === true || entry.link === true) continue;
    packages[key] = entry;
  }
  for (const name of Object.keys(pkg.dependencies)) if (!packages[`node_modules/${name}`]) throw new Error(`${name} is not in package-lock.json`);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'try-davscope', version: '1.0.0', private: true, dependencies: { davscope: `file:${tgz}` } }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'try-davscope', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
  execFileSync('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund'], { cwd: project, stdio: 'pipe' });
  const dir = join(project, 'node_modules', 'davscope');
  return { project, dir, bin: join(dir, 'bin', 'davscope.js'), files: packed[0]!.files.map((f) => f.path), remove: () => rmSync(work, { recursive: true, force: true }) };
}
