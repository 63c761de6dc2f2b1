// `davscope lint` speed and memory: exchanges per second over a large recording of mixed real
// CalDAV traffic (the corpus and the demo, cycled), and peak RSS on a 1 GB file. The baseline in
// the same run is a plain Node script that only reads and JSON-parses the same lines.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Exchange } from '../../rules/model/exchange.ts';
import { readRecording } from '../../proxy/recording/reader.ts';
import { exchangeLine, headerLine, recordingHeader } from '../../rules/formats/recording/format.ts';
import { rssOf } from './processes.ts';

const BIN = fileURLToPath(new URL('../../bin/davscope.js', import.meta.url));
const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const DEMO = fileURLToPath(new URL('../../proxy/demo/demo-session.jsonl', import.meta.url));

export interface LintFigures {
  readonly exchanges: number;
  readonly fileMB: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly peakRssMB: number;
  readonly baselinePerSecond: number;
}

async function seeds(): Promise<Exchange[]> {
  const files = [...readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl')).map((f) => join(CORPUS, f)), DEMO];
  const out: Exchange[] = [];
  for (const f of files) for await (const ex of readRecording(f)) out.push(ex);
  return out;
}

/** Writes a recording of at least `exchanges` exchanges or `bytes` bytes, cycling the seeds. */
async function generate(path: string, seedList: Exchange[], limit: { exchanges?: number; bytes?: number }): Promise<number> {
  const lines = seedList.map((ex) => exchangeLine(ex));
  const out = createWriteStream(path);
  out.write(headerLine(recordingHeader({ upstream: 'http://127.0.0.1:5232/', davscope: 'bench', redacted: true })));
  let n = 0;
  let bytes = 0;
  while ((limit.exchanges === undefined || n < limit.exchanges) && (limit.bytes === undefined || bytes < limit.bytes)) {
    const seq = n + 1;
    const line = lines[n % lines.length].replace(/^\{"id":"[^"]*","seq":\d+/, `{"id":"${seq}","seq":${seq}`);
    bytes += line.length;
    n++;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return n;
}

/** Runs a command to completion, sampling its RSS; resolves with seconds and peak bytes. */
function timed(cmd: string, args: string[]): Promise<{ seconds: number; peak: number; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const timer = setInterval(() => {
      try {
        peak = Math.max(peak, rssOf(proc.pid!));
      } catch {
        /* the process just ended */
      }
    }, 50);
    proc.on('exit', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - t0) / 1000, peak, code, stderr });
    });
  });
}

const BASELINE = `
const rl = require('readline').createInterface({ input: require('fs').createReadStream(process.argv[1]) });
let n = 0; rl.on('line', (l) => { JSON.parse(l); n++; }); rl.on('close', () => {});`;

async function lintFile(path: string, exchanges: number): Promise<LintFigures> {
  const lint = await timed(process.execPath, [BIN, 'lint', path, '--format', 'json', '--fail-on', 'never']);
  if (lint.code !== 0) throw new Error(`davscope lint failed (${lint.code}): ${lint.stderr}`);
  const base = await timed(process.execPath, ['-e', BASELINE, path]);
  return {
    exchanges,
    fileMB: Math.round(statSync(path).size / 2 ** 20),
    seconds: lint.seconds,
    perSecond: exchanges / lint.seconds,
    peakRssMB: Math.round(lint.peak / 2 ** 20),
    baselinePerSecond: exchanges / base.seconds,
  };
}

export async function lintFigures(opts: { exchanges: number; bigMB: number; log: (line: string) => void }): Promise<{ mixed: LintFigures; big?: LintFigures }> {
  const dir = mkdtempSync(join(tmpdir(), 'davscope-lint-bench-'));
  try {
    const seedList = await seeds();
    const mixedPath = join(dir, 'mixed.jsonl');
    const n = await generate(mixedPath, seedList, { exchanges: opts.exchanges });
    const mixed = await lintFile(mixedPath, n);
    opts.log(`lint: ${n} exchanges (${mixed.fileMB} MB) in ${mixed.seconds.toFixed(1)} s = ${mixed.perSecond.toFixed(0)}/s, peak RSS ${mixed.peakRssMB} MB; JSON-parse baseline ${mixed.baselinePerSecond.toFixed(0)}/s`);
    rmSync(mixedPath);
    if (opts.bigMB <= 0) return { mixed };
    const bigPath = join(dir, 'big.jsonl');
    const bn = await generate(bigPath, seedList, { bytes: opts.bigMB * 2 ** 20 });
    const big = await lintFile(bigPath, bn);
    opts.log(`lint: ${bn} exchanges (${big.fileMB} MB) in ${big.seconds.toFixed(1)} s = ${big.perSecond.toFixed(0)}/s, peak RSS ${big.peakRssMB} MB`);
    return { mixed, big };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
