// Interop re-send must carry over what the client had learned: a server whose ETags and sync
// tokens are random per instance (unlike Radicale's content hashes) refuses the recorded ones, so
// the re-sent If-Match and sync-token must be the new server's.
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { startDavscopeProcess } from '../harness/davscope-process.ts';
import { request } from '../harness/net.ts';
import { exchangeFromWire } from '../../rules/model/wire.ts';
import { resend } from '../../proxy/replay/resend.ts';
import { useCleanups } from '../harness/cleanups.ts';

const cleanups = useCleanups();

/** A tiny calendar server with random ETags and sync tokens, strict about both. */
async function randomTokenServer(): Promise<string> {
  const etags = new Map<string, string>();
  const tokens = new Set<string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method === 'PUT') {
        const current = etags.get(path);
        const ifMatch = req.headers['if-match'];
        if ((ifMatch && ifMatch !== current) || (req.headers['if-none-match'] === '*' && current)) return void res.writeHead(412).end();
        const etag = `"${randomUUID()}"`;
        etags.set(path, etag);
        return void res.writeHead(current ? 204 : 201, { ETag: etag }).end();
      }
      if (req.method === 'GET' && etags.has(path)) return void res.writeHead(200, { ETag: etags.get(path)!, 'Content-Type': 'text/calendar' }).end('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
      if (req.method === 'REPORT') {
        const given = /<D:sync-token>([^<]*)<\/D:sync-token>/.exec(body)?.[1] ?? '';
        if (given !== '' && !tokens.has(given)) {
          return void res.writeHead(403, { 'Content-Type': 'application/xml' }).end('<D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>');
        }
        const token = `urn:sync:${randomUUID()}`;
        tokens.add(token);
        const xml = `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">${[...etags].map(([href, etag]) => `<D:response><D:href>${href}</D:href><D:propstat><D:prop><D:getetag>${etag}</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`).join('')}<D:sync-token>${token}</D:sync-token></D:multistatus>`;
        return void res.writeHead(207, { 'Content-Type': 'application/xml' }).end(xml);
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const sync = (token: string) => `<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>${token}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>`;

describe('replay send substitutes what the client learned', () => {
  it('re-sends If-Match and sync-token with the new server\'s values, so nothing differs', async () => {
    const first = await randomTokenServer();
    const proxy = await startDavscopeProcess(first, ['--quiet']);
    cleanups.push(() => proxy.stop());
    const u = proxy.proxyUrl;
    const xml = { 'Content-Type': 'application/xml', Depth: '1' };
    expect((await request(`${u}/cal/e.ics`, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' })).status).toBe(201);
    const got = await request(`${u}/cal/e.ics`);
    const etag = got.rawHeaders[got.rawHeaders.findIndex((h) => h.toLowerCase() === 'etag') + 1];
    expect((await request(`${u}/cal/e.ics`, { method: 'PUT', headers: { 'If-Match': etag }, body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' })).status).toBe(204);
    const initial = (await request(`${u}/cal/`, { method: 'REPORT', headers: xml, body: sync('') })).body.toString();
    const token = /<D:sync-token>([^<]*)</.exec(initial)![1];
    expect((await request(`${u}/cal/`, { method: 'REPORT', headers: xml, body: sync(token) })).status).toBe(207);

    const exchanges = await Promise.all((await proxy.waitForExchanges(5)).map((s) => proxy.exchange(s.id).then(exchangeFromWire)));
    const second = await randomTokenServer();
    const rows = await resend(exchanges, { target: new URL(second) });
    expect(rows.map((r) => r.replayed?.status)).toEqual(['201', '200', '204', '207', '207']);
    expect(rows.filter((r) => r.differences.length > 0)).toEqual([]);
  });
});
