// Recordings and HAR files from elsewhere are input like any other: a hostile or damaged one must
// never end lint, export or replay serve, never put an extra request in a .http export, and never
// take memory in proportion to one huge line. Each bad line is reported with its number, skipped,
// and the good lines around it still read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { exchangeLine, headerLine, recordingHeader } from '../../rules/formats/recording/format.ts';
import { BIN } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { davscope } from '../lint/davscope-cli.ts';
import { sampleExchanges, UPSTREAM } from './fixtures.ts';

type Wire = Record<string, any>;

/** A good PUT line to mutate: a fresh object each time. */
const good = (): Wire => JSON.parse(exchangeLine(sampleExchanges()[0]!));

/** Each case: a name and how it spoils one line. Every one must be reported and skipped. */
const HOSTILE: [string, (w: Wire) => void][] = [
  ['CRLF in the method', (w) => (w.request.method = 'GET /x HTTP/1.1\r\nHost: evil\r\n\r\nPUT')],
  ['a method that is not a token', (w) => (w.request.method = 'G ET')],
  ['NUL in the method', (w) => (w.request.method = 'GET\u0000')],
  ['CRLF in the target', (w) => (w.request.target = '/a HTTP/1.1\r\nHost: x\r\n\r\nGET /SMUGGLED')],
  ['LF in the target', (w) => (w.request.target = '/a\nGET /SMUGGLED')],
  ['NUL in the target', (w) => (w.request.target = '/a\u0000b')],
  ['a space in the target', (w) => (w.request.target = '/a b')],
  ['an empty target', (w) => (w.request.target = '')],
  ['CRLF in a header name', (w) => (w.request.headers[0][0] = 'X\r\nInjected')],
  ['a space in a header name', (w) => (w.request.headers[0][0] = 'Bad Name')],
  ['LF in a header value', (w) => (w.request.headers[0][1] = 'a\nGET /SMUGGLED HTTP/1.1')],
  ['NUL in a response header value', (w) => (w.response.headers[0][1] = '"a\u0000"')],
  ['CRLF in the status text', (w) => (w.response.statusText = 'OK\r\nSet-Cookie: x=1')],
  ['status 0', (w) => (w.response.status = 0)],
  ['status 99', (w) => (w.response.status = 99)],
  ['status 600', (w) => (w.response.status = 600)],
  ['status 200.5', (w) => (w.response.status = 200.5)],
  ['a status that is a string', (w) => (w.response.status = 'abc')],
  ['headers that are an object', (w) => (w.request.headers = { Host: 'x' })],
  ['headers that are a number', (w) => (w.response.headers = 7)],
  ['body data that is not base64', (w) => (w.request.body = { kind: 'captured', encoding: 'base64', data: '%%%not base64%%%', size: 3, truncated: false })],
  ['a body kind nobody knows', (w) => (w.response.body = { kind: 'executable' })],
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'davscope-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hostile recording: a good line, then each case, then a good line again. Line numbers by case. */
function writeHostileRecording(): { path: string; lineOf: Map<string, number>; good: number } {
  const lines = [headerLine(recordingHeader({ upstream: UPSTREAM, redacted: true })).trimEnd()];
  const lineOf = new Map<string, number>();
  lines.push(JSON.stringify({ ...good(), id: 'g1', seq: 1 }));
  HOSTILE.forEach(([name, spoil], i) => {
    const w = good();
    w.id = `h${i}`;
    w.seq = 100 + i;
    spoil(w);
    lines.push(JSON.stringify(w));
    lineOf.set(name, lines.length);
  });
  lines.push('{"request": {"method": "GET", "tar');
  lineOf.set('JSON cut short', lines.length);
  lines.push(JSON.stringify({ ...good(), id: 'g2', seq: 2 }));
  const path = join(dir, 'hostile.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, lineOf, good: 2 };
}

describe('a hostile recording', () => {
  it(`has at least 20 kinds of bad line (${HOSTILE.length + 1})`, () => {
    expect(HOSTILE.length + 1).toBeGreaterThanOrEqual(20);
  });

  it('lint reports every bad line by number, reads the good ones, and exits 2 (damaged) without a crash', async () => {
    const { path, lineOf } = writeHostileRecording();
    const r = await davscope(['lint', path, '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/TypeError|RangeError|at .*\.ts:\d+/);
    for (const [name, line] of lineOf) expect(r.stderr, name).toMatch(new RegExp(`line ${line} `));
    expect(JSON.parse(r.stdout).exchanges).toBe(2);
  });

  it('export --to http writes one request per good exchange and no request from any bad line', async () => {
    const { path } = writeHostileRecording();
    const out = join(dir, 'http-out');
    const r = await davscope(['export', path, '--to', 'http', '-o', out]);
    expect(r.code, r.stderr).toBe(2);
    const files = readdirSync(out).filter((f) => f.endsWith('.http'));
    expect(files.length).toBe(2);
    for (const f of files) {
      const text = readFileSync(join(out, f), 'utf8');
      // One request line per file: "###" separates requests in both the VS Code and JetBrains clients.
      expect(text.match(/^###/gm)?.length, f).toBe(1);
      expect(text).not.toMatch(/SMUGGLED|evil/);
    }
  });

  it('export --to har writes valid JSON with only the good exchanges', async () => {
    const { path } = writeHostileRecording();
    const out = join(dir, 'out.har');
    const r = await davscope(['export', path, '--to', 'har', '-o', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(readFileSync(out, 'utf8')).log.entries.length).toBe(2);
  });

  it('replay serve loads it, answers a recorded request, answers 502 to the rest, and stays up', async () => {
    const { path } = writeHostileRecording();
    const proc = spawn(process.execPath, [BIN, 'replay', 'serve', path, '--port', '0', '--ui-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    try {
      let out = '';
      let err = '';
      proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /at (http:\/\/[\d.:]+)/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.on('exit', (code) => reject(new Error(`replay serve exited with ${code}: ${err}`)));
      });
      for (const line of HOSTILE.map((_, i) => i + 3)) expect(err).toMatch(new RegExp(`line ${line} `));
      const put = sampleExchanges()[0]!;
      const body = Buffer.from(put.request.body.kind === 'captured' ? put.request.body.bytes : new Uint8Array());
      const hit = await request(url, { method: 'PUT', path: put.request.target, headers: { 'Content-Type': 'text/calendar; charset=utf-8' }, body });
      expect(hit.status).toBe(201);
      for (const path of ['/a', '/SMUGGLED', '/a%00b']) expect((await request(url, { path })).status).toBe(502);
      expect(proc.exitCode).toBe(null);
    } finally {
      proc.kill('SIGKILL');
    }
  });
});

describe('a hostile HAR file', () => {
  const entry = (request: Wire, response: Wire = { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], content: { size: 0, mimeType: 'text/plain', text: '' } }) => ({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: { method: 'GET', url: 'http://127.0.0.1:5232/ok', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0, ...request },
    response: { cookies: [], redirectURL: '', headersSize: -1, bodySize: 0, ...response },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  });
  const bad: [string, Wire][] = [
    ['CRLF in the method', entry({ method: 'GET\r\nX: y' })],
    ['CRLF in a header value', entry({ headers: [{ name: 'X-A', value: 'a\r\nGET /SMUGGLED HTTP/1.1' }] })],
    ['a header name that is not a token', entry({ headers: [{ name: 'X A', value: 'a' }] })],
    ['a response status of 600', entry({}, { status: 600, statusText: 'x', httpVersion: 'HTTP/1.1', headers: [], content: { size: 0, mimeType: 'text/plain' } })],
    ['LF in a response header', entry({}, { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [{ name: 'X-B', value: 'b\nc' }], content: { size: 0, mimeType: 'text/plain' } })],
  ];

  it('lint reports each bad entry by index and reads the good one', async () => {
    const path = join(dir, 'hostile.har');
    writeFileSync(path, JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [entry({}), ...bad.map(([, e]) => e)] } }));
    const r = await davscope(['lint', path, '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    bad.forEach(([name], i) => expect(r.stderr, name).toMatch(new RegExp(`entry ${i + 1}\\b`)));
    expect(JSON.parse(r.stdout).exchanges).toBe(1);
  });
});

describe('a line of hundreds of megabytes', () => {
  it('is reported and skipped unread: lint and export keep flat memory and read the lines after it', async () => {
    const path = join(dir, 'huge-line.jsonl');
    const size = 300 << 20;
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(path);
      out.on('error', reject);
      out.write(headerLine(recordingHeader({ upstream: UPSTREAM, redacted: true })));
      out.write(JSON.stringify({ ...good(), id: 'g1', seq: 1 }) + '\n');
      out.write('{"request": {"method": "PUT", "target": "/x", "body": {"data": "');
      const block = Buffer.alloc(1 << 20, 'A');
      let written = 0;
      const more = () => {
        while (written < size) {
          written += block.length;
          if (!out.write(block)) return void out.once('drain', more);
        }
        out.write('"}}}\n' + JSON.stringify({ ...good(), id: 'g2', seq: 2 }) + '\n');
        out.end(resolve);
      };
      more();
    });
    try {
      // The baseline: the same command over a small file (what the process needs anyway).
      const { path: small } = writeHostileRecording();
      const base = await davscope(['lint', small, '--format', 'json'], { sampleRss: true });
      const lint = await davscope(['lint', path, '--format', 'json'], { sampleRss: true });
      expect(lint.code, lint.stderr).toBe(2);
      expect(lint.stderr).toMatch(/line 3 is \d+ bytes long, more than --max-line/);
      expect(JSON.parse(lint.stdout).exchanges).toBe(2);
      console.log(`lint over a ${size >> 20} MB line: peak RSS ${lint.peakRss >> 20} MB (${base.peakRss >> 20} MB over a small file)`);
      // Reading the line would hold it at least twice (bytes, then a string): 600 MB and more;
      // skipping it leaves only read buffers the collector has not reclaimed yet.
      expect(lint.peakRss - base.peakRss).toBeLessThan(size / 2);
      const har = join(dir, 'huge.har');
      const exp = await davscope(['export', path, '--to', 'har', '-o', har], { sampleRss: true });
      expect(exp.code, exp.stderr).toBe(2);
      expect(exp.peakRss - base.peakRss).toBeLessThan(size / 2);
      expect(JSON.parse(readFileSync(har, 'utf8')).log.entries.length).toBe(2);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('refuses a --max-line outside 1MiB-500MiB with the usage', async () => {
    const r = await davscope(['lint', 'whatever.jsonl', '--max-line', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-line wants a size from 1MiB to 500MiB/);
  });
});
