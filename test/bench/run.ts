// `npm run bench`: davscope measured against direct, a bare http-proxy and mitmdump in one run, on
// loopback only, bounded in time; prints a table and writes test-artifacts/bench.json.
// BENCH_SECONDS sets the seconds per wrk case (default 10).
import { mkdirSync, writeFileSync } from 'node:fs';
import { throughputCases, type Case } from './throughput.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const log = (line: string) => process.stdout.write(line + '\n');

function ratio(cases: Case[], upstream: Case['upstream'], kind: Case['request'], a: Case['via'], b: Case['via'], connections = 16): number | undefined {
  const x = cases.find((c) => c.upstream === upstream && c.request === kind && c.via === a && c.connections === connections);
  const y = cases.find((c) => c.upstream === upstream && c.request === kind && c.via === b && c.connections === connections);
  return x && y ? x.result.rps / y.result.rps : undefined;
}

async function main(): Promise<void> {
  log(`davscope benchmark: wrk -t2, ${seconds} s per case, loopback only`);
  const cases = await throughputCases({ seconds, withUiClient: async () => undefined, log });
  const table = ['', '| upstream | request | conns | via | req/s | p50 ms | p99 ms | non-2xx | proxy RSS MB |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const c of cases) {
    table.push(`| ${c.upstream} | ${c.request} | ${c.connections} | ${c.via} | ${c.result.rps.toFixed(0)} | ${c.result.p50ms.toFixed(2)} | ${c.result.p99ms.toFixed(2)} | ${c.result.non2xx} | ${c.rssMB ?? ''} |`);
  }
  table.push('', '| ratio (req/s, 16 connections) | PROPFIND Depth 1 | GET .ics |', '| --- | --- | --- |');
  for (const [upstream, a, b] of [['static', 'davscope', 'bare http-proxy'], ['static', 'davscope', 'mitmdump'], ['radicale', 'davscope', 'direct'], ['radicale', 'davscope', 'mitmdump']] as const) {
    const p = ratio(cases, upstream, 'PROPFIND Depth 1', a, b);
    const g = ratio(cases, upstream, 'GET .ics', a, b);
    table.push(`| ${upstream}: ${a} / ${b} | ${p?.toFixed(2) ?? '-'} | ${g?.toFixed(2) ?? '-'} |`);
  }
  log(table.join('\n'));
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/bench.json', JSON.stringify({ date: new Date().toISOString(), seconds, cases }, null, 2));
  log('\nwrote test-artifacts/bench.json');
}

await main();
