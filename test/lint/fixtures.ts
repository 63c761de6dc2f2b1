// Recordings for lint tests, built from the rule tests' factories: a small CalDAV session with
// known mistakes, written through the real RecordingWriter.
import type { Exchange } from '../../rules/model/exchange.ts';
import { CALENDAR, CAL_NS, DAV_NS, EVENT, davError, exchange, icalEvent, mkcalendarBody } from '../rules/factories.ts';
import { RecordingWriter } from '../../proxy/recording/writer.ts';

export const PUT_CREATE = 'caldav/put-create-without-if-none-match';
export const NO_SLASH = 'webdav/collection-url-missing-trailing-slash';
export const PRECONDITION = 'webdav/precondition-error';

/** 0: a clean PROPFIND; 1: a PUT creating without If-None-Match; 2: MKCALENDAR without the slash;
 *  3: a PUT refused with CALDAV:valid-calendar-data; 4: a refused connection. */
export function lintSession(): Exchange[] {
  return [
    exchange({
      seq: 1,
      method: 'PROPFIND',
      path: CALENDAR,
      headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="utf-8"?><D:propfind ${DAV_NS}><D:prop><D:resourcetype/></D:prop></D:propfind>`,
      status: 207,
      responseHeaders: { 'Content-Type': 'application/xml; charset=utf-8' },
      responseBody: `<?xml version="1.0" encoding="utf-8"?><D:multistatus ${DAV_NS} ${CAL_NS}><D:response><D:href>${CALENDAR}</D:href><D:propstat><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`,
    }),
    exchange({ seq: 2, method: 'PUT', path: EVENT, body: icalEvent(), status: 201, responseHeaders: { ETag: '"e1"' } }),
    exchange({ seq: 3, method: 'MKCALENDAR', path: '/alice/work', headers: { 'Content-Type': 'application/xml; charset=utf-8' }, body: mkcalendarBody(), status: 201 }),
    exchange({
      seq: 4,
      method: 'PUT',
      path: '/alice/calendar/bad.ics',
      headers: { 'If-None-Match': '*' },
      body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      status: 403,
      responseHeaders: { 'Content-Type': 'application/xml; charset=utf-8' },
      responseBody: davError('<C:valid-calendar-data/>'),
    }),
    exchange({ seq: 5, method: 'GET', path: '/alice/calendar/gone.ics', noResponse: true }),
  ];
}

export async function writeLintRecording(path: string, exchanges = lintSession()): Promise<void> {
  const writer = await RecordingWriter.open(path, { upstream: 'http://127.0.0.1:5232/', davscope: 'test' });
  for (const ex of exchanges) await writer.append(ex);
  await writer.close();
}
