// --record when the disk gives out, against the real proxy process: /dev/full from the start, a
// 64 kB tmpfs that fills mid-session, a file that becomes unwritable mid-session (a file-size limit
// set on the running process, which also cuts a line in half). Forwarding goes on, the console
// warns once, the inspector shows a banner, and the recording so far reads and lints cleanly.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WS_PATH, type ServerMessage } from '../../rules/model/protocol.ts';
import { readRecording } from '../../proxy/recording/reader.ts';
import type { Exchange } from '../../rules/model/exchange.ts';
import { startDavscopeProcess, type DavscopeProcess } from '../harness/davscope-process.ts';
import { startEchoUpstream } from '../harness/echo-upstream.ts';
import { request } from '../harness/net.ts';
import { launchChromium } from '../harness/chromium.ts';
import { davscope as cli } from '../lint/davscope-cli.ts';
import { useCleanups } from '../harness/cleanups.ts';

const cleanups = useCleanups();

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'davscope-disk-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(extra: string[]): Promise<DavscopeProcess> {
  const upstream = await startEchoUpstream();
  cleanups.push(() => upstream.close());
  const d = await startDavscopeProcess(upstream.url, ['-q', ...extra]);
  cleanups.push(() => d.stop());
  return d;
}

/** Notices a ws client of the inspector receives, in the snapshot or live. */
function noticesOf(d: DavscopeProcess) {
  const ws = new WebSocket(d.uiUrl.replace('http:', 'ws:') + WS_PATH, { origin: d.uiUrl });
  cleanups.push(() => ws.terminate());
  const texts: string[] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as ServerMessage;
    if (msg.type === 'snapshot') texts.push(...(msg.notices ?? []).map((n) => n.text));
    if (msg.type === 'notice') texts.push(msg.notice.text);
  });
  return { texts, opened: new Promise((r) => ws.once('open', r)) };
}

async function load(path: string) {
  const reader = readRecording(path);
  const exchanges: Exchange[] = [];
  for await (const ex of reader) exchanges.push(ex);
  return { exchanges, warnings: reader.warnings };
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const put = (d: DavscopeProcess, i: number, bytes = 3000) =>
  request(d.proxyUrl, { path: `/disk/${i}.ics`, method: 'PUT', headers: { 'Content-Type': 'text/calendar' }, body: `BEGIN:VCALENDAR\r\nX-PAD:${'x'.repeat(bytes)}\r\nEND:VCALENDAR\r\n` });

describe('davscope --record on a disk that gives out', () => {
  it('starts, forwards and says so once on the console and to the inspector when the disk is full from the start (/dev/full)', async () => {
    const d = await start(['--record', '/dev/full']);
    const ui = noticesOf(d);
    await ui.opened;
    for (let i = 0; i < 5; i++) expect((await put(d, i)).status).toBe(207);
    await d.waitForExchanges(5);
    expect(d.stderr().match(/warning: cannot record to \/dev\/full, traffic is still forwarded but not recorded: ENOSPC/g)).toHaveLength(1);
    await until(() => ui.texts.length > 0, 'the notice');
    expect(ui.texts).toEqual([expect.stringMatching(/^cannot record to \/dev\/full, traffic is still forwarded but not recorded: ENOSPC/)]);
    expect(await d.stop()).toBe(0);
  });

  it('keeps forwarding when a 64 kB tmpfs fills mid-session, warns once, shows a banner in the page, and leaves a clean recording', async () => {
    const dir = tempDir();
    // Needs root (the test bed runs as root); without it the /dev/full and file-size tests still cover a full disk.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    cleanups.push(() => void execFileSync('umount', ['-l', dir]));
    const file = join(dir, 'session.jsonl');
    const d = await start(['--record', file]);
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.context.newPage();
    await page.goto(`${d.uiUrl}/`);
    await expect.poll(() => page.locator('header .conn').textContent()).toContain('live');
    expect(await page.locator('ds-app .notice').count()).toBe(0);

    const n = 60; // about 6 kB a line: the 64 kB fill after a dozen
    for (let i = 0; i < n; i++) expect((await put(d, i)).status).toBe(207);
    await d.waitForExchanges(n);
    const warned = d.stderr().match(/warning: recording to \S+ stopped after (\d+) exchanges, traffic is still forwarded: ENOSPC[^\n]*/g) ?? [];
    expect(warned).toHaveLength(1);
    const recordedBeforeFull = Number(/after (\d+) exchanges/.exec(warned[0]!)![1]);
    expect(recordedBeforeFull).toBeGreaterThan(3);
    expect(recordedBeforeFull).toBeLessThan(n);
    const banner = page.locator('ds-app .notice');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(new RegExp(`recording to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} stopped after ${recordedBeforeFull} exchanges, traffic is still forwarded: ENOSPC`));
    // A page opened later sees it too (notices are part of the snapshot).
    await page.reload();
    await banner.waitFor();
    expect(await banner.count()).toBe(1);

    expect(await d.stop()).toBe(0);
    expect(d.stderr().match(/stopped after/g)).toHaveLength(1);
    const { exchanges, warnings } = await load(file);
    expect(warnings).toEqual([]);
    expect(exchanges.map((e) => e.request.target)).toEqual(Array.from({ length: recordedBeforeFull }, (_, i) => `/disk/${i}.ics`));
    const lint = await cli(['lint', file]);
    expect([0, 1]).toContain(lint.code);
    expect(lint.stderr).toBe('');
  });

  it('cuts a half-written line back when the file becomes unwritable mid-session (a file-size limit on the running proxy)', async () => {
    const dir = tempDir();
    const file = join(dir, 'session.jsonl');
    const d = await start(['--record', file]);
    for (let i = 0; i < 5; i++) expect((await put(d, i)).status).toBe(207);
    await d.waitForExchanges(5);
    await until(() => statSync(file).size > 5 * 3000, 'five lines on disk');
    const size = statSync(file).size;
    // From now on the proxy may not grow the file by more than 1,000 bytes: the next line (about
    // 6 kB) is written in part, then refused with EFBIG.
    execFileSync('prlimit', ['--pid', String(d.proc.pid), `--fsize=${size + 1000}`]);
    for (let i = 5; i < 15; i++) expect((await put(d, i)).status).toBe(207);
    await d.waitForExchanges(15);
    await until(() => /stopped after/.test(d.stderr()), 'the warning');
    expect(d.stderr().match(/warning: recording to \S+ stopped after 5 exchanges, traffic is still forwarded: EFBIG/g)).toHaveLength(1);
    expect(await d.stop()).toBe(0);
    expect(statSync(file).size).toBe(size);
    const { exchanges, warnings } = await load(file);
    expect(warnings).toEqual([]);
    expect(exchanges.map((e) => e.request.target)).toEqual([0, 1, 2, 3, 4].map((i) => `/disk/${i}.ics`));
    expect([0, 1]).toContain((await cli(['lint', file])).code);
  });
});
