// --tls in front of real Radicale: python3-caldav and curl verify davscope's certificate against the
// CA it made (never with verification off) and see what they see directly; a client with another CA
// is refused; the CA is kept (0600) and reused; a user's own certificate works; the inspector offers
// the CA, behind its Host check, and says how to trust it (in real Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';
import { launchChromium } from '../harness/chromium.ts';
import { certificateNames, issueCertificate } from '../../proxy/tls/davscope-ca.ts';

const SESSION = fileURLToPath(new URL('../clients/caldav_session.py', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'davscope-tls-'));
const configDir = join(work, 'config');
const CA = join(configDir, 'davscope-ca.pem');
let radicale: Radicale;
let direct: Radicale;
let ds: DavscopeProcess;

beforeAll(async () => {
  radicale = await startRadicale({ users: { alice: 'secret' } });
  direct = await startRadicale({ users: { alice: 'secret' } });
  ds = await startDavscopeProcess(radicale.url, ['--tls', '--quiet'], { env: { DAVSCOPE_CONFIG_DIR: configDir } });
}, 60_000);
afterAll(async () => {
  await ds?.stop();
  await radicale?.stop();
  await direct?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('davscope --tls', () => {
  it('serves HTTPS with a certificate of its own CA, kept 0600 in the config directory, and says so', () => {
    expect(ds.proxyUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ds.output()).toContain(`HTTPS by davscope's CA       ${CA}`);
    expect(statSync(CA).mode & 0o777).toBe(0o600);
    expect(statSync(join(configDir, 'davscope-ca-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('python3-caldav, verifying against the CA, gets the same session as directly', async () => {
    const env = { ...process.env, REQUESTS_CA_BUNDLE: CA };
    const viaTls = await run('/usr/bin/python3', [SESSION, ds.proxyUrl, 'alice', 'secret'], { env, timeoutMs: 120_000 });
    const plain = await run('/usr/bin/python3', [SESSION, direct.url, 'alice', 'secret'], { timeoutMs: 120_000 });
    expect(viaTls.stderr).toBe('');
    expect(viaTls.stdout).toContain('SESSION OK');
    expect(viaTls.stdout).toBe(plain.stdout);
    // The exchanges say the client came over TLS, so Basic credentials were not in clear text.
    const all = await ds.waitForExchanges(10);
    const ex = await ds.exchange(String(all.at(-1)!.id));
    expect(ex.clientTls).toBe(true);
    expect(ex.findings.map((f) => f.ruleId)).not.toContain('http/basic-auth-over-cleartext');
  });

  it('curl with --cacert gets what it gets directly; without the CA, or with another CA, it is refused', async () => {
    const curl = (base: string, ...args: string[]) => run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-u', 'alice:secret', ...args, '-X', 'PROPFIND', '-H', 'Depth: 0', `${base}/alice/`]);
    const viaTls = await curl(ds.proxyUrl, '--cacert', CA);
    expect(viaTls.code).toBe(0);
    expect(viaTls.stdout).toBe((await curl(direct.url)).stdout);
    expect((await curl(ds.proxyUrl)).code).toBe(60);
    const other = await issueCertificate(join(work, 'other-ca'), certificateNames());
    expect((await curl(ds.proxyUrl, '--cacert', other.caPath!)).code).toBe(60);
    const py = await run('/usr/bin/python3', [SESSION, ds.proxyUrl, 'alice', 'secret'], { env: { ...process.env, REQUESTS_CA_BUNDLE: other.caPath! } });
    expect(py.code).not.toBe(0);
    expect(py.stderr).toMatch(/SSL|certificate verify failed/);
    // A refused handshake ends only that connection.
    expect((await curl(ds.proxyUrl, '--cacert', CA)).stdout).toBe(viaTls.stdout);
  });

  it('keeps the inspector\'s resend working: its requests take the same path in memory', async () => {
    const res = await request(ds.uiUrl, {
      method: 'POST',
      path: '/api/send',
      headers: { 'Content-Type': 'application/json', Origin: ds.uiUrl },
      body: JSON.stringify({ method: 'PROPFIND', target: '/alice/', headers: [['Depth', '0'], ['Authorization', `Basic ${Buffer.from('alice:secret').toString('base64')}`]] }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toMatchObject({ status: 207, source: 'composed' });
  });

  it('keeps its CA across starts, and serves a user certificate given with --tls-cert and --tls-key', async () => {
    const before = readFileSync(CA, 'utf8');
    const again = await startDavscopeProcess(radicale.url, ['--tls', '--quiet'], { env: { DAVSCOPE_CONFIG_DIR: configDir } });
    try {
      expect(readFileSync(CA, 'utf8')).toBe(before);
      expect((await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', CA, `${again.proxyUrl}/`])).code).toBe(0);
    } finally {
      await again.stop();
    }
    const own = await issueCertificate(join(work, 'own-ca'), ['127.0.0.1']);
    writeFileSync(join(work, 'cert.pem'), own.cert);
    writeFileSync(join(work, 'key.pem'), own.key);
    const user = await startDavscopeProcess(radicale.url, ['--tls-cert', join(work, 'cert.pem'), '--tls-key', join(work, 'key.pem'), '--quiet'], { env: { DAVSCOPE_CONFIG_DIR: join(work, 'unused') } });
    try {
      expect(user.output()).toContain('HTTPS with your certificate  for 127.0.0.1');
      expect((await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', own.caPath!, `${user.proxyUrl}/`])).code).toBe(0);
      expect((await request(user.uiUrl, { path: '/api/tls/ca.pem' })).status).toBe(404);
    } finally {
      await user.stop();
    }
  });

  it('says what is wrong with the TLS flags in its own words', async () => {
    const alone = await davscope(['--tls-cert', join(work, 'cert.pem')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--tls-cert needs --tls-key FILE');
    const missing = await davscope(['--tls-cert', join(work, 'nope.pem'), '--tls-key', join(work, 'key.pem'), '--port', '0', '--ui-port', '0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--tls-cert ${join(work, 'nope.pem')}: no such file`);
    expect((await davscope(['--tls-name', 'cal.example'])).stderr).toContain('--tls-name needs --tls');
  });

  it('offers the CA in the inspector behind its Host check, and says how to trust it', async () => {
    const pem = await request(ds.uiUrl, { path: '/api/tls/ca.pem' });
    expect(pem.status).toBe(200);
    expect(pem.body.toString()).toBe(readFileSync(CA, 'utf8'));
    expect((await request(ds.uiUrl, { path: '/api/tls/ca.pem', headers: { Host: 'evil.example' } })).status).toBeGreaterThanOrEqual(400);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(ds.uiUrl);
      await page.locator('ds-app button.tls-help').click();
      const help = page.locator('ds-tls-help');
      await help.locator('dt', { hasText: 'Android (DAVx5)' }).waitFor();
      expect(await help.locator('dl').textContent()).toContain("ssl_verify_cert='davscope-ca.pem'");
      const href = await help.locator('a.ca-download').getAttribute('href');
      expect(await page.evaluate(async (h) => (await fetch(h!)).text(), href)).toBe(readFileSync(CA, 'utf8'));
    } finally {
      await browser.close();
    }
  });
});
