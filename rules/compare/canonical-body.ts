// Canonical forms of request bodies for replay matching: XML compared by namespace-resolved names
// and without insignificant whitespace, iCalendar without line folding and DTSTAMP (which clients
// set to "now" on every run), anything else as its bytes.
import { parseXml } from '../parse/xml/scan.ts';
import type { XmlElement } from '../parse/xml/tree.ts';
import { decodeUtf8Lenient, inspectableBytes } from '../model/body.ts';
import { parseMediaType, isXmlMediaType } from '../model/media-type.ts';
import type { Body } from '../model/exchange.ts';

function canonicalXml(el: XmlElement): string {
  const attrs = [...el.attributes]
    .filter((a) => a.ns !== 'http://www.w3.org/2000/xmlns/' && a.local !== 'xmlns' && !a.name.startsWith('xmlns'))
    .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
    .sort()
    .join(' ');
  const inner = el.children
    .map((c) => (c.kind === 'element' ? canonicalXml(c) : c.text.trim() === '' ? '' : JSON.stringify(c.text.trim())))
    .join('');
  return `<${el.name}${attrs ? ' ' + attrs : ''}>${inner}</>`;
}

export function canonicalIcal(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^DTSTAMP[;:]/i.test(line))
    .map((line) => line.trimEnd())
    .join('\n');
}

/** The body in a form where equal meaning gives equal strings; "" for no body. */
export function canonicalBody(body: Body, contentType: string | undefined): string {
  const bytes = inspectableBytes(body);
  if (!bytes || bytes.length === 0) return body.kind === 'unavailable' ? `unavailable:${body.reason}` : '';
  const text = decodeUtf8Lenient(bytes);
  const type = parseMediaType(contentType)?.type;
  if (isXmlMediaType(type) || (!type && text.trimStart().startsWith('<'))) {
    const parsed = parseXml(text);
    if (parsed.ok) return 'xml:' + canonicalXml(parsed.doc.root);
  }
  if (type === 'text/calendar' || text.startsWith('BEGIN:VCALENDAR')) return 'ical:' + canonicalIcal(text);
  return 'raw:' + text;
}
