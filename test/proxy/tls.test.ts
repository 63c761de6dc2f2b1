// --tls in front of real Radicale: python3-caldav and curl verify davscope's certificate against the
// CA it made (never with verification off) and see what they see directly; a client with another CA
// is refused; the CA is kept (0600) and reused; a user's own certificate works; the inspector offers
// the CA, behind its Host check, and says how to trust it (in real Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';
import { startRadicale, type Radicale } from '../harness/radicale.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { request } from '../harness/net.ts';
import { run } from '../harness/run.ts';
import { launchChromium } from '../harness/chromium.ts';
import { certificateNames, issueCertificate } from '../../proxy/tls/davscope-ca.ts';
import { parseCli } from '../../proxy/cli-options.ts';

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

  it('the inspector resends an exchange a TLS client made, through the same in-memory path, to the same answer', async () => {
    const all = await ds.exchanges();
    const row = all.find((r) => r.method === 'PROPFIND' && r.status === 207 && r.source === 'live')!;
    const original = await ds.exchange(String(row.id));
    expect(original.clientTls).toBe(true);
    const headers = original.request.headers.filter(([n]) => !/^(host|content-length|connection)$/i.test(n));
    expect(headers.some(([n]) => n.toLowerCase() === 'authorization')).toBe(true);
    const body = original.request.body.kind === 'captured' ? Buffer.from(original.request.body.data, original.request.body.encoding === 'base64' ? 'base64' : 'utf8').toString() : '';
    const sent = await request(ds.uiUrl, {
      method: 'POST',
      path: '/api/send',
      headers: { 'Content-Type': 'application/json', Origin: ds.uiUrl },
      body: JSON.stringify({ method: 'PROPFIND', target: original.request.target, headers, body, resentFrom: original.id }),
    });
    expect(sent.status).toBe(200);
    const answer = JSON.parse(sent.body.toString()) as { id: string; source: string; basedOn: string; status: number };
    expect(answer).toMatchObject({ source: 'resent', basedOn: original.id, status: 207 });
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

  it('plain HTTP sent to the TLS port ends that connection with one line saying to use https://, and davscope goes on', async () => {
    const port = Number(new URL(ds.proxyUrl).port);
    const told = () => ds.stderr().split('\n').filter((l) => l.includes('spoke plain HTTP to the TLS port')).length;
    const before = told();
    // A raw socket, so the test sees the connection end (a client would wait for an answer).
    const answer = await new Promise<string>((resolve, reject) => {
      let got = '';
      const socket = connect(port, '127.0.0.1', () => socket.write('PROPFIND /alice/ HTTP/1.1\r\nHost: 127.0.0.1\r\nDepth: 0\r\n\r\n'));
      socket.on('data', (d) => (got += d.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(got));
    });
    expect(answer).not.toContain('HTTP/1.1 2');
    for (let i = 0; i < 100 && told() === before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(told()).toBe(before + 1);
    // The process is still there and serves a verifying client.
    expect((await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', CA, `${ds.proxyUrl}/`])).code).toBe(0);
    expect(told()).toBe(before + 1);
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
    // Names go into the certificate as clients match them: IPs bare, DNS names lower-case; junk is refused.
    const names = parseCli(['--target', radicale.url, '--tls', '--tls-name', 'Cal.Example.test', '--tls-name', '*.lan.test', '--tls-name', '[fd00::5]', '--tls-name', '10.0.0.7']);
    expect(names.kind === 'run' && names.options.tlsRequest).toEqual({ kind: 'ca', names: ['cal.example.test', '*.lan.test', 'fd00::5', '10.0.0.7'] });
    for (const bad of ['cal example', 'https://cal.example.test', 'cal-.test', 'a..b', 'cal_dav.test']) expect(() => parseCli(['--tls', '--tls-name', bad])).toThrow(`--tls-name wants a host name`);
    const refused = await davscope(['--tls', '--tls-name', 'cal.example.test:8443']);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('--tls-name wants a host name (such as cal.example.test or *.example.test) or an IP address, not "cal.example.test:8443"')]);
  });

  it("refuses a key that is not the certificate's, a file that is not PEM and a damaged CA before it listens, saying what to do", async () => {
    const start = ['--target', radicale.url, '--port', '0', '--ui-port', '0'];
    const one = await issueCertificate(join(work, 'pair-one'), ['127.0.0.1']);
    const two = await issueCertificate(join(work, 'pair-two'), ['127.0.0.1']);
    writeFileSync(join(work, 'one-cert.pem'), one.cert);
    writeFileSync(join(work, 'two-key.pem'), two.key);
    writeFileSync(join(work, 'not-pem.txt'), 'just text\n');
    const mismatch = await davscope([...start, '--tls-cert', join(work, 'one-cert.pem'), '--tls-key', join(work, 'two-key.pem')]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain(`--tls-key ${join(work, 'two-key.pem')} cannot serve --tls-cert ${join(work, 'one-cert.pem')}`);
    const notPem = await davscope([...start, '--tls-cert', join(work, 'not-pem.txt'), '--tls-key', join(work, 'two-key.pem')]);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain('is not a PEM file');
    // A CA whose key was replaced by another one's: leaves it issued would verify nowhere.
    const damaged = join(work, 'damaged');
    await issueCertificate(damaged, ['127.0.0.1']);
    writeFileSync(join(damaged, 'davscope-ca-key.pem'), two.key);
    const broken = await davscope([...start, '--tls'], { env: { DAVSCOPE_CONFIG_DIR: damaged } });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`the davscope CA in ${damaged} cannot be used`);
    expect(broken.stderr).toContain('move davscope-ca.pem and davscope-ca-key.pem away');
  });

  it('with --ui-token the banner\'s link to the trust instructions carries the token and opens them, download included', async () => {
    const guarded = await startDavscopeProcess(radicale.url, ['--tls', '--ui-token', 'tls-token-1234'], { env: { DAVSCOPE_CONFIG_DIR: configDir } });
    const browser = await launchChromium();
    try {
      const link = /clients must trust it: (\S+) says how/.exec(guarded.output())?.[1];
      expect(link).toBe(`${guarded.uiUrl}/?token=tls-token-1234#tls`);
      expect((await request(guarded.uiUrl, { path: '/api/tls/ca.pem' })).status).toBe(401);
      const page = await browser.context.newPage();
      await page.goto(link!);
      const help = page.locator('ds-tls-help');
      await help.locator('dt', { hasText: 'iOS / macOS' }).waitFor();
      // The curl example names this davscope's own HTTPS address, not a default port.
      expect(await help.locator('dd').first().textContent()).toContain(`curl --cacert davscope-ca.pem ${guarded.proxyUrl}/`);
      const href = await help.locator('a.ca-download').getAttribute('href');
      expect(await page.evaluate(async (h) => (await fetch(h!)).text(), href)).toBe(readFileSync(CA, 'utf8'));
    } finally {
      await browser.close();
      await guarded.stop();
    }
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
