// Memory: the proxy's RSS after 100,000 exchanges with default settings, and its growth while a
// 200 MB body passes each way.
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startEchoUpstream } from '../harness/echo-upstream.ts';
import { freePort, startChild } from './processes.ts';
import { connectUiClient } from './ui-client.ts';
import { getJson } from '../harness/net.ts';

const DAVSCOPE = fileURLToPath(new URL('../../bin/davscope.js', import.meta.url));
const MB = 1024 * 1024;

export interface MemoryFigures {
  readonly idleRssMB: number;
  readonly after100kRssMB: number;
  readonly exchanges: number;
  readonly seconds: number;
  readonly body200MB: { readonly baselineMB: number; readonly peakMB: number; readonly growthMB: number; readonly sha256Match: boolean };
}

/** Sends n PROPFINDs over `connections` keep-alive sockets; resolves with the count answered 2xx. */
async function load(url: string, n: number, connections: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { port } = new URL(url);
  const body = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>';
  let next = 0;
  let ok = 0;
  const failures: Record<string, number> = {};
  const worker = async () => {
    while (next < n) {
      const i = next++;
      // Not `ok += await ...`: that reads ok before the await and loses the other workers' counts.
      const answered = await new Promise<number>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'PROPFIND', path: `/alice/calendar/${i % 500}/`, agent, headers: { Depth: '1', 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode! >= 300) failures[res.statusCode!] = (failures[res.statusCode!] ?? 0) + 1;
            resolve(res.statusCode! < 300 ? 1 : 0);
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          failures[err.code ?? 'error'] = (failures[err.code ?? 'error'] ?? 0) + 1;
          resolve(0);
        });
        req.end(body);
      });
      ok += answered;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  if (Object.keys(failures).length) throw new Error(`the load failed: ${JSON.stringify(failures)}`);
  return ok;
}

async function transfer(proxyUrl: string, size: number): Promise<boolean> {
  const { port } = new URL(proxyUrl);
  const block = randomBytes(MB);
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/blob/big.bin', agent: false, headers: { 'Content-Length': String(size) } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        block[0] = sent / MB;
        const chunk = Buffer.from(block);
        hash.update(chunk);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
  const expected = hash.digest('hex');
  const got = await new Promise<string>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/blob/big.bin', agent: false }, (res) => {
      const h = createHash('sha256');
      res.on('data', (c: Buffer) => h.update(c));
      res.on('end', () => resolve(h.digest('hex')));
    }).on('error', reject);
  });
  return got === expected;
}

async function startProxy(target: string) {
  const port = await freePort();
  const uiPort = await freePort();
  const ds = await startChild(process.execPath, [DAVSCOPE, '--target', target, '--port', String(port), '--ui-port', String(uiPort), '--quiet'], { port });
  const ui = await connectUiClient(uiPort);
  await new Promise((r) => setTimeout(r, 1000));
  return { ds, ui, proxyUrl: `http://127.0.0.1:${port}`, uiUrl: `http://127.0.0.1:${uiPort}`, stop: async () => (await ui.stop(), await ds.stop()) };
}

export async function memoryFigures(opts: { exchanges: number; log: (line: string) => void }): Promise<MemoryFigures> {
  // 100k exchanges against the static multistatus upstream (realistic bodies for the rules).
  const stat = await startChild(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./static-upstream.ts', import.meta.url))], { ready: /listening (\d+)/ });
  let idle: number, after: number, ok: number, seconds: number, messages: number;
  {
    const p = await startProxy(`http://127.0.0.1:${stat.port}`);
    try {
      idle = p.ds.rssBytes();
      const t0 = Date.now();
      ok = await load(p.proxyUrl, opts.exchanges, 16);
      seconds = (Date.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 3000)); // let analysis and the store settle
      after = p.ds.rssBytes();
      messages = p.ui.messages();
      // What the RSS is made of, as the process sees it (V8 heap, Buffers outside it).
      const health = (await getJson<{ memory: NodeJS.MemoryUsage }>(`${p.uiUrl}/api/health`)).memory;
      opts.log(`memory: heap used ${(health.heapUsed / MB).toFixed(0)} MB of ${(health.heapTotal / MB).toFixed(0)} MB, external ${(health.external / MB).toFixed(0)} MB (array buffers ${(health.arrayBuffers / MB).toFixed(0)} MB), RSS ${(health.rss / MB).toFixed(0)} MB`);
    } finally {
      await p.stop();
      await stat.stop();
    }
  }
  opts.log(`memory: ${ok} of ${opts.exchanges} exchanges in ${seconds.toFixed(1)} s (${(ok / seconds).toFixed(0)}/s); RSS idle ${(idle / MB).toFixed(0)} MB, after ${(after / MB).toFixed(0)} MB; the UI client got ${messages} messages`);

  // 200 MB each way through a byte-storing upstream.
  const upstream = await startEchoUpstream();
  const p = await startProxy(upstream.url);
  try {
    const baseline = p.ds.rssBytes();
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, p.ds.rssBytes())), 20);
    const match = await transfer(p.proxyUrl, 200 * MB);
    clearInterval(timer);
    opts.log(`memory: 200 MB each way, sha256 ${match ? 'identical' : 'DIFFERENT'}; RSS ${(baseline / MB).toFixed(0)} MB -> peak ${(peak / MB).toFixed(0)} MB`);
    return {
      idleRssMB: Math.round(idle / MB),
      after100kRssMB: Math.round(after / MB),
      exchanges: ok,
      seconds,
      body200MB: { baselineMB: Math.round(baseline / MB), peakMB: Math.round(peak / MB), growthMB: Math.round((peak - baseline) / MB), sha256Match: match },
    };
  } finally {
    await p.stop();
    await upstream.close();
  }
}
