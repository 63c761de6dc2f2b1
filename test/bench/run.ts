// `npm run bench`: davscope measured against direct, a bare http-proxy and mitmdump in one run, on
// loopback only and bounded in time, then memory, lint and the UI at scale; prints tables and
// writes test-artifacts/bench.json. BENCH_SECONDS sets the seconds per wrk case (default 10),
// BENCH_EXCHANGES the memory run (default 100000), BENCH_LINT_MB the big lint file (default 1024).
import { mkdirSync, writeFileSync } from 'node:fs';
import { throughputCases, type Case } from './throughput.ts';
import { memoryFigures } from './memory.ts';
import { lintFigures } from './lint-bench.ts';
import { uiFigures } from './ui-bench.ts';
import { connectUiClient } from './ui-client.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const exchanges = Number(process.env.BENCH_EXCHANGES ?? 100_000);
const bigMB = Number(process.env.BENCH_LINT_MB ?? 1024);
const only = new Set((process.env.BENCH_ONLY ?? 'throughput,memory,lint,ui').split(','));
const log = (line: string) => process.stdout.write(line + '\n');

function find(cases: Case[], upstream: Case['upstream'], kind: Case['request'], via: Case['via'], connections = 16): Case | undefined {
  return cases.find((c) => c.upstream === upstream && c.request === kind && c.via === via && c.connections === connections);
}

function throughputTable(cases: Case[]): string {
  const t = ['| upstream | request | conns | via | req/s | p50 ms | p99 ms | non-2xx | proxy RSS MB |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const c of cases) {
    t.push(`| ${c.upstream} | ${c.request} | ${c.connections} | ${c.via} | ${c.result.rps.toFixed(0)} | ${c.result.p50ms.toFixed(2)} | ${c.result.p99ms.toFixed(2)} | ${c.result.non2xx} | ${c.rssMB ?? ''} |`);
  }
  t.push('', '| ratio of req/s | PROPFIND Depth 1 | GET .ics |', '| --- | --- | --- |');
  for (const [upstream, a, b, conns] of [['static', 'davscope', 'bare http-proxy', 16], ['static', 'davscope', 'mitmdump', 16], ['radicale', 'davscope', 'direct', 4], ['radicale', 'davscope', 'direct', 16], ['radicale', 'davscope', 'mitmdump', 16]] as const) {
    const r = (kind: Case['request']) => {
      const x = find(cases, upstream, kind, a, conns);
      const y = find(cases, upstream, kind, b, conns);
      return x && y ? (x.result.rps / y.result.rps).toFixed(2) : '-';
    };
    t.push(`| ${upstream}, ${conns} connections: ${a} / ${b} | ${r('PROPFIND Depth 1')} | ${r('GET .ics')} |`);
  }
  t.push('', '| p99 difference, davscope minus direct (ms) | PROPFIND Depth 1 | GET .ics |', '| --- | --- | --- |');
  for (const conns of [4, 16]) {
    const d = (kind: Case['request']) => {
      const x = find(cases, 'radicale', kind, 'davscope', conns);
      const y = find(cases, 'radicale', kind, 'direct', conns);
      return x && y ? (x.result.p99ms - y.result.p99ms).toFixed(1) : '-';
    };
    t.push(`| Radicale, ${conns} connections | ${d('PROPFIND Depth 1')} | ${d('GET .ics')} |`);
  }
  return t.join('\n');
}

async function main(): Promise<void> {
  log(`davscope benchmark (loopback only): ${[...only].join(', ')}`);
  const results: Record<string, unknown> = { date: new Date().toISOString(), seconds };
  const sections: string[] = [];
  if (only.has('throughput')) {
    log(`\nthroughput: wrk -t2, ${seconds} s per case; davscope runs with capture, rules and one WebSocket client connected`);
    const cases = await throughputCases({ seconds, withUiClient: (port) => connectUiClient(port), log });
    results.throughput = cases;
    sections.push(throughputTable(cases));
  }
  if (only.has('memory')) {
    log(`\nmemory: ${exchanges} exchanges with default settings, then 200 MB each way`);
    const m = await memoryFigures({ exchanges, log });
    results.memory = m;
    sections.push(`| memory | MB |\n| --- | --- |\n| RSS idle | ${m.idleRssMB} |\n| RSS after ${m.exchanges} exchanges | ${m.after100kRssMB} |\n| RSS growth while 200 MB pass each way | ${m.body200MB.growthMB} (sha256 ${m.body200MB.sha256Match ? 'identical' : 'DIFFERENT'}) |`);
  }
  if (only.has('lint')) {
    log('\nlint: davscope lint --format json over generated recordings of real mixed traffic');
    const l = await lintFigures({ exchanges: 100_000, bigMB, log });
    results.lint = l;
    const rows = [l.mixed, ...(l.big ? [l.big] : [])].map((f) => `| ${f.exchanges} exchanges, ${f.fileMB} MB | ${f.perSecond.toFixed(0)} | ${f.peakRssMB} | ${f.baselinePerSecond.toFixed(0)} |`);
    sections.push(['| lint | exchanges/s | peak RSS MB | JSON.parse baseline exchanges/s |', '| --- | --- | --- | --- |', ...rows].join('\n'));
  }
  if (only.has('ui')) {
    log('\nui: the Chromium scale test (50,000 exchanges)');
    const u = await uiFigures();
    results.ui = u;
    sections.push(['| UI (headless Chromium) | figure |', '| --- | --- |', ...Object.entries(u).map(([k, v]) => `| ${k} | ${v} |`)].join('\n'));
  }
  log('\n' + sections.join('\n\n'));
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/bench.json', JSON.stringify(results, null, 2));
  log('\nwrote test-artifacts/bench.json');
}

await main();
