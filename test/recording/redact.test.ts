// Redaction: credentials in headers, URLs, findings and echoing bodies become [redacted], keeping
// what helps debugging (the scheme, the Basic user name, cookie names); applying it twice changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { redactExchange, redactAuthorization, redactCookie, redactSetCookie, redactUrlPasswords, redactQuerySecrets } from '../../proxy/recording/redact.ts';
import { exchangeLines } from '../../proxy/console-log.ts';
import { SecretSet } from '../../proxy/recording/secret-set.ts';
import { RecordingWriter } from '../../proxy/recording/writer.ts';
import { readRecording } from '../../proxy/recording/reader.ts';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../../rules/model/exchange.ts';
import { exchangeToWire } from '../../rules/model/wire.ts';
import { sampleExchanges, FINDING } from './fixtures.ts';

const token = Buffer.from('alice:hunter22').toString('base64');
const REDACTED_VALUE = '[redacted]';

describe('redaction', () => {
  it('keeps the scheme and the Basic user name of Authorization values, and nothing of the secret', () => {
    const found = new Set<string>();
    expect(redactAuthorization(`Basic ${token}`, found)).toBe('Basic alice:[redacted]');
    expect(redactAuthorization('Bearer eyJhbGciOi.x.y', found)).toBe('Bearer [redacted]');
    expect(redactAuthorization('Digest username="alice", realm="r", nonce="n", uri="/", response="6629fae49393a05397450978507c4ef1"', found)).toBe(
      'Digest username="alice", realm="r", nonce="n", uri="/", response="[redacted]"',
    );
    expect(redactAuthorization('rawtoken', found)).toBe('[redacted]');
    expect([...found]).toEqual(expect.arrayContaining([token, 'alice:hunter22', 'hunter22', 'eyJhbGciOi.x.y', '6629fae49393a05397450978507c4ef1', 'rawtoken']));
  });

  it('keeps cookie names and Set-Cookie attributes, and drops their values', () => {
    const found = new Set<string>();
    expect(redactCookie('sid=abc123; theme=dark', found)).toBe('sid=[redacted]; theme=[redacted]');
    expect(redactSetCookie('sid=abc123; Path=/; HttpOnly; Expires=Wed, 21 Oct 2026 07:28:00 GMT', found)).toBe('sid=[redacted]; Path=/; HttpOnly; Expires=Wed, 21 Oct 2026 07:28:00 GMT');
  });

  it('removes passwords from URLs wherever they appear', () => {
    const found = new Set<string>();
    expect(redactUrlPasswords('see https://bob:p%40ss@dav.example.com/x and http://carol@h/', found)).toBe('see https://bob:[redacted]@dav.example.com/x and http://carol@h/');
    expect(found.has('p@ss')).toBe(true);
    // An unencoded "@" in the password: the host is after the last one, as WHATWG URL reads it.
    expect(redactUrlPasswords('http://bob:p@ss@dav.example.com/x', found)).toBe('http://bob:[redacted]@dav.example.com/x');
  });

  it('redacts a whole exchange: headers both ways, target, Destination, Location, findings and echoing bodies', () => {
    const [put] = sampleExchanges();
    const ex = {
      ...put,
      request: {
        ...put.request,
        target: 'http://alice:hunter22@127.0.0.1:8088/alice/cal/e1.ics',
        headers: [...put.request.headers, ['Authorization', `Basic ${token}`], ['Proxy-Authorization', 'Bearer tok-987654'], ['Cookie', 'sid=cookievalue42'], ['Destination', 'http://alice:hunter22@h/x']] as [string, string][],
      },
      response: {
        ...put.response!,
        headers: [['Set-Cookie', 'sid=newcookie77; Path=/'], ['Location', 'http://alice:hunter22@h/y']] as [string, string][],
        body: { kind: 'captured' as const, bytes: new TextEncoder().encode(`you sent ${token} and hunter22`), size: 44, truncated: false },
      },
      findings: [{ ...FINDING, message: `Authorization: Basic ${token} looks odd` }],
    };
    const out = JSON.stringify(exchangeToWire(redactExchange(ex)));
    for (const secret of [token, 'hunter22', 'tok-987654', 'cookievalue42', 'newcookie77']) expect(out).not.toContain(secret);
    const r = redactExchange(ex);
    expect(r.request.headers).toContainEqual(['Authorization', 'Basic alice:[redacted]']);
    expect(r.request.headers).toContainEqual(['Destination', 'http://alice:[redacted]@h/x']);
    expect(r.response!.headers).toEqual([['Set-Cookie', 'sid=[redacted]; Path=/'], ['Location', 'http://alice:[redacted]@h/y']]);
    expect(new TextDecoder().decode((r.response!.body as { bytes: Uint8Array }).bytes)).toBe('you sent [redacted] and [redacted]');
    expect(r.findings[0].message).toBe('Authorization: Basic [redacted] looks odd');
    // The input is untouched, and redacting twice is the same as once.
    expect(ex.request.headers).toContainEqual(['Authorization', `Basic ${token}`]);
    expect(exchangeToWire(redactExchange(r))).toEqual(exchangeToWire(r));
  });

  it('replaces credential-looking query parameters, keeping their names, and leaves the others', () => {
    const found = new Set<string>();
    expect(redactQuerySecrets('/cal/?Access_Token=tok%2B123&depth=1&sig=abc;jsessionid=S1&key=k9#f', found)).toBe(
      '/cal/?Access_Token=[redacted]&depth=1&sig=[redacted];jsessionid=[redacted]&key=[redacted]#f',
    );
    expect([...found]).toEqual(expect.arrayContaining(['tok%2B123', 'tok+123', 'abc', 'S1', 'k9']));
    // Names only count whole, after ? & or ;: "monkey=" or "a_token=" is not "key=" or "token=".
    expect(redactQuerySecrets('/x?monkey=1&a_token=2&password=', new Set())).toBe('/x?monkey=1&a_token=2&password=');
    expect(redactQuerySecrets('/x?password=[redacted]', found)).toBe('/x?password=[redacted]');
  });

  it('redacts query secrets in the target and URL-valued headers, and scrubs their values everywhere', () => {
    const [put] = sampleExchanges();
    const ex = {
      ...put,
      request: { ...put.request, target: '/alice/cal/e1.ics?access_token=querysecret1&x=1', headers: [...put.request.headers, ['Referer', 'http://h/login?password=refsecret22']] as [string, string][] },
      response: {
        ...put.response!,
        headers: [['Location', 'http://h/next?code=loccode333&state=s'], ['Content-Location', '/x?api_key=apikey4444']] as [string, string][],
        body: { kind: 'captured' as const, bytes: new TextEncoder().encode('token querysecret1 and loccode333'), size: 33, truncated: false },
      },
      findings: [{ ...FINDING, message: 'PUT /alice/cal/e1.ics?access_token=querysecret1 failed', explanation: 'see refsecret22' }],
    };
    const r = redactExchange(ex);
    const out = JSON.stringify(exchangeToWire(r));
    for (const secret of ['querysecret1', 'refsecret22', 'loccode333', 'apikey4444']) expect(out).not.toContain(secret);
    expect(r.request.target).toBe('/alice/cal/e1.ics?access_token=[redacted]&x=1');
    expect(r.request.headers).toContainEqual(['Referer', 'http://h/login?password=[redacted]']);
    expect(r.response!.headers).toEqual([['Location', 'http://h/next?code=[redacted]&state=s'], ['Content-Location', '/x?api_key=[redacted]']]);
    expect(r.findings[0].explanation).toBe('see [redacted]');
  });

  it('keeps credentials out of the console line: the target and the finding messages', () => {
    const [put] = sampleExchanges();
    const ex = {
      ...put,
      request: { ...put.request, target: 'http://alice:urlpass99@h/cal/?token=consoletok1', headers: [...put.request.headers, ['Authorization', `Basic ${token}`]] as [string, string][] },
      findings: [{ ...FINDING, message: 'the password hunter22 and consoletok1 were seen' }],
    };
    const text = exchangeLines(ex, false).join('\n');
    for (const secret of ['urlpass99', 'consoletok1', 'hunter22']) expect(text).not.toContain(secret);
    expect(text).toContain('http://alice:[redacted]@h/cal/?token=[redacted]');
  });

  it('leaves an exchange without credentials exactly as it was', () => {
    for (const ex of sampleExchanges()) expect(exchangeToWire(redactExchange(ex))).toEqual(exchangeToWire(ex));
  });
});

describe('secrets across a session', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const text = (b: Exchange['request']['body']) => new TextDecoder().decode((b as { bytes: Uint8Array }).bytes);
  /** The samples' PUT with the given request headers and response body. */
  function exchange(seq: number, headers: [string, string][], responseBody: string): Exchange {
    const [put] = sampleExchanges();
    const bytes = new TextEncoder().encode(responseBody);
    return {
      ...put, id: String(seq), seq,
      request: { ...put.request, headers: [...put.request.headers, ...headers] },
      response: { ...put.response!, body: { kind: 'captured', bytes, size: bytes.length, truncated: false } },
    };
  }

  it('keeps at most its limit of secrets, the oldest dropped first, longest first for scrubbing', () => {
    const set = new SecretSet(3);
    for (const s of ['aaaa', 'bbbbbb', 'cc', 'dddddddd', 'eeeee', REDACTED_VALUE]) set.add(s);
    // "cc" is too short to search for; [redacted] is no secret.
    expect(set.searchable()).toEqual(['dddddddd', 'bbbbbb', 'eeeee']);
    set.add('bbbbbb');
    set.add('ffff');
    // Seen again, bbbbbb became the newest: dddddddd went instead.
    expect(set.searchable()).toEqual(['bbbbbb', 'eeeee', 'ffff']);
  });

  it('scrubs a password seen in one exchange from the bodies of the later ones', () => {
    const secrets = new SecretSet();
    redactExchange(exchange(1, [['Authorization', `Basic ${token}`]], ''), { secrets });
    const later = redactExchange(exchange(2, [], 'echo: hunter22'), { secrets });
    expect(text(later.response!.body)).toBe('echo: [redacted]');
    // Without the session's set, the later exchange alone has nothing to scrub.
    expect(text(redactExchange(exchange(2, [], 'echo: hunter22')).response!.body)).toBe('echo: hunter22');
  });

  it('RecordingWriter keeps the secrets of the whole file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'davscope-secrets-'));
    dirs.push(dir);
    const path = join(dir, 'r.jsonl');
    const w = await RecordingWriter.open(path);
    await w.append(exchange(1, [['Authorization', `Basic ${token}`]], ''));
    await w.append(exchange(2, [], 'hunter22 again'));
    await w.close();
    const got: Exchange[] = [];
    for await (const ex of readRecording(path)) got.push(ex);
    expect(text(got[1].response!.body)).toBe('[redacted] again');
  });
});

describe('file modes', () => {
  it('creates a recording readable by its owner only, and makes an existing file so when truncating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'davscope-mode-'));
    try {
      const fresh = join(dir, 'new.jsonl');
      await (await RecordingWriter.open(fresh)).close();
      expect(statSync(fresh).mode & 0o777).toBe(0o600);
      const old = join(dir, 'old.jsonl');
      writeFileSync(old, 'previous content');
      chmodSync(old, 0o644);
      await (await RecordingWriter.open(old)).close();
      expect(statSync(old).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('credential headers beyond Authorization and Cookie', () => {
  const [put] = sampleExchanges();
  const withHeaders = (headers: [string, string][], body = ''): Exchange => {
    const bytes = new TextEncoder().encode(body);
    return { ...put, request: { ...put.request, headers: [...put.request.headers, ...headers] }, response: { ...put.response!, headers: [...put.response!.headers, ['X-Auth-Token', 'issuedtok5']], body: { kind: 'captured', bytes, size: bytes.length, truncated: false } } };
  };

  it('replaces X-Api-Key, X-Auth-Token and the like out of the box, both ways, and scrubs their values', () => {
    const r = redactExchange(withHeaders([['X-API-Key', 'apikeyvalue1'], ['x-csrf-token', 'csrfvalue2']], 'apikeyvalue1 issuedtok5'));
    expect(r.request.headers).toContainEqual(['X-API-Key', '[redacted]']);
    expect(r.request.headers).toContainEqual(['x-csrf-token', '[redacted]']);
    expect(r.response!.headers).toContainEqual(['X-Auth-Token', '[redacted]']);
    expect(new TextDecoder().decode((r.response!.body as { bytes: Uint8Array }).bytes)).toBe('[redacted] [redacted]');
  });

  it('replaces the headers named with --redact-header, case-insensitively', () => {
    const r = redactExchange(withHeaders([['X-Tenant-Secret', 'tenantvalue3'], ['X-Other', 'plain']], 'tenantvalue3'), { headers: ['x-tenant-SECRET'] });
    expect(r.request.headers).toContainEqual(['X-Tenant-Secret', '[redacted]']);
    expect(r.request.headers).toContainEqual(['X-Other', 'plain']);
    expect(new TextDecoder().decode((r.response!.body as { bytes: Uint8Array }).bytes)).toBe('[redacted]');
    // Without the option the header is kept: it is no credential davscope knows of.
    expect(redactExchange(withHeaders([['X-Tenant-Secret', 'tenantvalue3']])).request.headers).toContainEqual(['X-Tenant-Secret', 'tenantvalue3']);
  });
});
