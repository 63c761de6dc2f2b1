// Redaction: credentials in headers, URLs, findings and echoing bodies become [redacted], keeping
// what helps debugging (the scheme, the Basic user name, cookie names); applying it twice changes nothing.
import { describe, expect, it } from 'vitest';
import { redactExchange, redactAuthorization, redactCookie, redactSetCookie, redactUrlPasswords } from '../../proxy/recording/redact.ts';
import { exchangeToWire } from '../../rules/model/wire.ts';
import { sampleExchanges, FINDING } from './fixtures.ts';

const token = Buffer.from('alice:hunter22').toString('base64');

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

  it('leaves an exchange without credentials exactly as it was', () => {
    for (const ex of sampleExchanges()) expect(exchangeToWire(redactExchange(ex))).toEqual(exchangeToWire(ex));
  });
});
