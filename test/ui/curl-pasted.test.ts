// "Copy as curl", pasted into a real shell and run by real curl against a real davscope: the
// request that reaches the upstream is the captured one (method, path and query, headers, body
// byte for byte), a body starting with "@" is sent as text rather than read from a file, and a
// request-target naming another host still goes to the proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { curlCommand } from '../../ui/lib/curl.ts';
import type { WireExchange } from '../../rules/model/wire.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { startEchoUpstream, type EchoUpstream } from '../harness/echo-upstream.ts';
import { run } from '../harness/run.ts';

let upstream: EchoUpstream;
let proxy: DavscopeProcess;
beforeAll(async () => {
  upstream = await startEchoUpstream();
  proxy = await startDavscopeProcess(upstream.url, ['--quiet']);
});
afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

function captured(target: string, body: string): WireExchange {
  return {
    id: '1', seq: 1, source: 'live', upstream: 'http://127.0.0.1:5232/',
    request: {
      method: 'PROPFIND', target, httpVersion: '1.1',
      headers: [['Host', 'h'], ['Depth', '1'], ['X-Note', `a'b; $(touch /tmp/davscope-pwned) \`id\``], ['Content-Type', 'application/xml']],
      body: { kind: 'captured', size: body.length, truncated: false, encoding: 'utf8', data: body },
    },
    timings: { startedAt: 0 }, findings: [],
  };
}

/** Runs the copied command as a user pasting it would: through a shell. */
const paste = (command: string) => run('bash', ['-c', command]);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('copy as curl, pasted', () => {
  it('repeats the captured request through the proxy, body byte for byte, and runs nothing of the headers', async () => {
    const body = `<?xml version="1.0"?>\n<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>\n`;
    const res = await paste(curlCommand(captured('/anon/cal/?x=1', body), proxy.proxyUrl + '/'));
    expect(res.code, res.stderr).toBe(0);
    const got = upstream.received.find((r) => r.url === '/anon/cal/?x=1');
    expect(got?.method).toBe('PROPFIND');
    expect(got?.bodySha256).toBe(sha(body));
    expect(got?.rawHeaders).toContain(`a'b; $(touch /tmp/davscope-pwned) \`id\``);
  });

  it('sends a body that starts with "@" as text, never the file it names', async () => {
    const res = await paste(curlCommand(captured('/at-body', '@/etc/hostname'), proxy.proxyUrl + '/'));
    expect(res.code, res.stderr).toBe(0);
    const got = upstream.received.find((r) => r.url === '/at-body');
    expect(got?.bodySha256).toBe(sha('@/etc/hostname'));
  });

  it('goes to the proxy even when the captured request-target names another host', async () => {
    const res = await paste(curlCommand(captured('http://evil.invalid:1/elsewhere?q=1', '<x/>'), proxy.proxyUrl + '/'));
    expect(res.code, res.stderr).toBe(0);
    expect(upstream.received.some((r) => r.url === '/elsewhere?q=1')).toBe(true);
  });
});
