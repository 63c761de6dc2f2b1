// The benchmark's static upstream: a ~2 KB 207 multistatus for PROPFIND and a small .ics for GET,
// answered from memory with keep-alive, so the proxy in front is what gets measured.
// Usage: tsx test/bench/static-upstream.ts  (prints "listening PORT")
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const entry = (i: number) =>
  `<D:response><D:href>/alice/calendar/event-${i}.ics</D:href><D:propstat><D:prop><D:getetag>"etag-${i}-0123456789abcdef"</D:getetag><D:getcontenttype>text/calendar; charset=utf-8; component=VEVENT</D:getcontenttype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
const multistatus = Buffer.from(
  `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">` +
    `<D:response><D:href>/alice/calendar/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:getetag>"collection-etag"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>` +
    Array.from({ length: 7 }, (_, i) => entry(i)).join('') +
    `</D:multistatus>`,
);
const ics = Buffer.from(
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//bench//EN\r\nBEGIN:VEVENT\r\nUID:bench-1@davscope\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\nSUMMARY:Benchmark event\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
);

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', ETag: '"etag-ics"', 'Content-Length': ics.length });
      res.end(ics);
    } else {
      res.writeHead(207, { 'Content-Type': 'application/xml; charset=utf-8', 'Content-Length': multistatus.length });
      res.end(multistatus);
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
