// What is kept of a body cut at the capture cap: only whole XML children and whole iCalendar
// components, so rules judging what is there are never fooled by a half element.
import { describe, expect, it } from 'vitest';
import { closeTruncatedXml, keptIcal, keptXml } from '../../../rules/parse/kept-part.ts';
import { parseXml } from '../../../rules/parse/xml/scan.ts';

const MS = '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response><D:response><D:href>/b</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response><D:sync-token>t</D:sync-token></D:multistatus>';

describe('keptXml', () => {
  it('keeps the root and its complete children, cut anywhere inside the next child', () => {
    const second = MS.indexOf('<D:response>', 60);
    for (let cut = second + 1; cut < MS.indexOf('<D:sync-token>'); cut++) {
      const kept = keptXml(MS.slice(0, cut))!;
      expect(kept, `cut at ${cut}`).toBe(MS.slice(0, second) + '</D:multistatus>');
      expect(parseXml(kept).ok, `cut at ${cut}`).toBe(true);
    }
  });

  it('keeps a self-closed child, gives the text back when nothing was cut, and nothing when no child is whole', () => {
    expect(keptXml('<D:prop xmlns:D="DAV:"><D:getetag/><D:displayn')).toBe('<D:prop xmlns:D="DAV:"><D:getetag/></D:prop>');
    expect(keptXml(MS)).toBe(MS);
    expect(keptXml('<D:multistatus xmlns:D="DAV:"><D:response><D:href>/a')).toBeUndefined();
    expect(keptXml('<?xml version="1.0"?>')).toBeUndefined();
  });
});

describe('keptIcal', () => {
  const CAL = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20250101T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nSUMMARY:long\r\n  folded\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

  it('keeps the complete components and closes VCALENDAR with the body\'s own line ending', () => {
    const firstEnd = CAL.indexOf('END:VEVENT') + 'END:VEVENT\r\n'.length;
    for (let cut = firstEnd; cut < CAL.lastIndexOf('END:VEVENT'); cut++) {
      expect(keptIcal(CAL.slice(0, cut)), `cut at ${cut}`).toBe(CAL.slice(0, firstEnd) + 'END:VCALENDAR\r\n');
    }
    const lf = CAL.replace(/\r\n/g, '\n');
    expect(keptIcal(lf.slice(0, lf.lastIndexOf('SUMMARY')))).toBe(lf.slice(0, lf.indexOf('END:VEVENT') + 11) + 'END:VCALENDAR\n');
  });

  it('gives nothing when no component is whole, and the text back when nothing was cut', () => {
    expect(keptIcal(CAL.slice(0, CAL.indexOf('END:VEVENT')))).toBeUndefined();
    expect(keptIcal(CAL)).toBe(CAL);
  });
});

describe('closeTruncatedXml', () => {
  it('closes every element still open, for the pretty view', () => {
    expect(closeTruncatedXml('<a><b><c>text')).toBe('<a><b><c></c></b></a>');
  });
});
