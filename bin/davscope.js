#!/usr/bin/env node
// The davscope command. An installed package holds only the compiled tree (dist/node/, built by
// prepack) and runs it. In a checkout it runs the compiled tree (`npm run build:node`, which `npm ci`
// runs through prepare) when that build is newer than every source file: plain node, no tsx loader
// threads, about 60 MB less memory; otherwise, in an edited checkout, the TypeScript sources through
// tsx (a developer dependency), so stale code never runs. DAVSCOPE_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestSourceMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (/\.[tj]s$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function compiledIsFresh() {
  if (process.env.DAVSCOPE_FROM_SOURCE) return false;
  // An installed package ships no sources: the compiled tree is all there is.
  if (!existsSync(join(root, 'rules'))) return true;
  const stamp = join(root, 'dist', 'node', 'BUILT');
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return ['proxy', 'rules'].every((dir) => newestSourceMs(join(root, dir)) <= built);
}

if (compiledIsFresh()) {
  await import('../dist/node/proxy/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../proxy/cli.ts');
}
