// Files shipped beside the code (package.json, the built UI, the demo recording) are found from the
// package root, so the same module works from the TypeScript sources (run by tsx) and from the
// compiled tree in dist/node/ (run by plain node), which sit at different depths.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`davscope: no package.json above ${start}`);
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, from its root: fromRoot('dist', 'ui'). */
export const fromRoot = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
