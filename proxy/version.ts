// The package version, read once from package.json.
import { readFileSync } from 'node:fs';
import { fromRoot } from './package-root.ts';

/** Which tree runs: the compiled one in dist/node/ (plain node) or the TypeScript sources (through tsx). */
export const RUNTIME: 'compiled' | 'sources' = import.meta.url.endsWith('.ts') ? 'sources' : 'compiled';

export function version(): string {
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
