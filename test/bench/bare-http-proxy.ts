// The floor for this stack: a bare http-proxy with a keep-alive agent and nothing else.
// Usage: TARGET=http://127.0.0.1:PORT tsx test/bench/bare-http-proxy.ts  (prints "listening PORT")
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import httpProxy from 'http-proxy';

const agent = new http.Agent({ keepAlive: true, maxSockets: Number(process.env.MAX_SOCKETS ?? Infinity) });
const proxy = httpProxy.createProxyServer({ target: process.env.TARGET, agent });
proxy.on('error', (_err, _req, res) => {
  if (res instanceof http.ServerResponse && !res.headersSent) res.writeHead(502).end();
});
const server = http.createServer((req, res) => proxy.web(req, res));
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => process.exit(0));
