// The request bodies of the composer's templates: WebDAV/CalDAV XML (RFC 4918, 4791, 6578) and a
// VEVENT (RFC 5545), as text. Pure string building; the tests parse every one with our parsers.
import { escapeXml } from '../lib/escape.ts';

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n';
const D = 'xmlns:D="DAV:"';
const C = 'xmlns:C="urn:ietf:params:xml:ns:caldav"';


/** A UTC date-time in the iCalendar and CalDAV time-range form, YYYYMMDDTHHMMSSZ. */
export function utcStamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

const props = (names: readonly string[]): string => `<D:prop>${names.map((n) => `<${n}/>`).join('')}</D:prop>`;

/** PROPFIND for the given prefixed property names (D: and C: are declared). */
export function propfindXml(names: readonly string[]): string {
  return `${XML_DECL}<D:propfind ${D} ${C}>${props(names)}</D:propfind>`;
}

/** MKCALENDAR with a display name and a VEVENT-only component set (RFC 4791 §5.3.1). */
export function mkcalendarXml(displayName: string): string {
  return (
    `${XML_DECL}<C:mkcalendar ${D} ${C}><D:set><D:prop><D:displayname>${escapeXml(displayName)}</D:displayname>` +
    '<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>'
  );
}

/** PROPPATCH setting DAV:displayname (RFC 4918 §9.2). */
export function proppatchDisplayNameXml(displayName: string): string {
  return `${XML_DECL}<D:propertyupdate ${D}><D:set><D:prop><D:displayname>${escapeXml(displayName)}</D:displayname></D:prop></D:set></D:propertyupdate>`;
}

const timeRange = (start: Date, end: Date): string => `<C:time-range start="${utcStamp(start)}" end="${utcStamp(end)}"/>`;

/** calendar-query for the VEVENTs overlapping a UTC time-range (RFC 4791 §7.8, §9.9). */
export function calendarQueryXml(start: Date, end: Date): string {
  return (
    `${XML_DECL}<C:calendar-query ${D} ${C}>${props(['D:getetag'])}` +
    `<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">${timeRange(start, end)}</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>`
  );
}

/** calendar-multiget of the given hrefs (RFC 4791 §7.9). */
export function multigetXml(hrefs: readonly string[]): string {
  return `${XML_DECL}<C:calendar-multiget ${D} ${C}>${props(['D:getetag', 'C:calendar-data'])}${hrefs.map((h) => `<D:href>${escapeXml(h)}</D:href>`).join('')}</C:calendar-multiget>`;
}

/** sync-collection from a token ("" for the initial sync), sync-level 1 (RFC 6578 §3.2, §6.1). */
export function syncCollectionXml(token: string): string {
  const t = token === '' ? '<D:sync-token/>' : `<D:sync-token>${escapeXml(token)}</D:sync-token>`;
  return `${XML_DECL}<D:sync-collection ${D}>${t}<D:sync-level>1</D:sync-level>${props(['D:getetag'])}</D:sync-collection>`;
}

/** free-busy-query over a UTC time-range (RFC 4791 §7.10). */
export function freeBusyXml(start: Date, end: Date): string {
  return `${XML_DECL}<C:free-busy-query ${C}>${timeRange(start, end)}</C:free-busy-query>`;
}

export interface EventFields {
  readonly uid: string;
  readonly summary: string;
  readonly stamp: Date;
  readonly start: Date;
  readonly end: Date;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function icalText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const utf8 = new TextEncoder();

/**
 * A content line folded to lines of at most 75 octets (RFC 5545 §3.1): a UID from a server or from
 * uid() can be long. Folds fall between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8.encode(ch).length;
    if (octets + n > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += ch;
    octets += n;
  }
  return out;
}

/** One VEVENT in a VCALENDAR, all times UTC, CRLF line endings, long lines folded (RFC 5545 §3.1). */
export function veventIcal(e: EventFields): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//davscope//composer//EN',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART:${utcStamp(e.start)}`,
    `DTEND:${utcStamp(e.end)}`,
    `SUMMARY:${icalText(e.summary)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
