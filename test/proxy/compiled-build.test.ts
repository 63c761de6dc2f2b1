// bin/davscope.js runs the compiled tree (dist/node/) when its build is newer than every source,
// and the TypeScript sources through tsx otherwise; both must forward, analyse (in the worker) and
// serve the built inspector page the same way.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, request } from '../harness/net.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { startRadicale, type Radicale } from '../harness/radicale.ts';

let radicale: Radicale;
beforeAll(async () => {
  // The build the command picks when fresh; a checkout edited since then would run the sources.
  execFileSync('npm', ['run', '--silent', 'build:node'], { cwd: new URL('../..', import.meta.url), stdio: 'pipe' });
  radicale = await startRadicale();
}, 120_000);
afterAll(async () => radicale?.stop());

describe.each([
  ['compiled', {}],
  ['sources', { DAVSCOPE_FROM_SOURCE: '1' }],
] as const)('davscope from the %s', (runtime, env) => {
  let ds: DavscopeProcess;
  beforeAll(async () => (ds = await startDavscopeProcess(radicale.url, ['--quiet'], { env })), 60_000);
  afterAll(async () => ds?.stop());

  it(`says it runs the ${runtime} tree, forwards, and analyses in the worker`, async () => {
    const health = await getJson<{ runtime: string }>(`${ds.uiUrl}/api/health`);
    expect(health.runtime).toBe(runtime);
    const res = await request(`${ds.proxyUrl}/${runtime}/calendar`, { method: "MKCALENDAR" });
    expect(res.status).toBeLessThan(500);
    const summary = await ds.waitForExchange((e) => e.method === 'MKCALENDAR' && e.findings.warning > 0);
    const ex = await ds.exchange(String(summary.id));
    expect(ex.findings.map((f) => f.ruleId)).toContain('webdav/collection-url-missing-trailing-slash');
    expect(ds.stderr()).not.toMatch(/analysing in the main thread/);
  });

  it('serves the built inspector page', async () => {
    const page = await request(`${ds.uiUrl}/`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toMatch(/<html/i);
  });
});
