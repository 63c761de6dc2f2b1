// Pretty-print in the editor: indented XML and unfolded iCalendar, offered only when the meaning is
// unchanged (a text node that would lose its spaces is not prettified).
import { describe, expect, it } from 'vitest';
import { prettyBody, prettyXml } from '../../ui/lib/pretty-body.ts';

describe('prettyBody', () => {
  it('indents a one-line PROPFIND, keeping the declaration and text-only elements on one line', () => {
    const xml = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:displayname/><x:a xmlns:x="urn:x">v</x:a></d:prop></d:propfind>';
    expect(prettyBody(xml, 'application/xml')).toBe('<?xml version="1.0"?>\n<d:propfind xmlns:d="DAV:">\n  <d:prop>\n    <d:displayname/>\n    <x:a xmlns:x="urn:x">v</x:a>\n  </d:prop>\n</d:propfind>\n');
  });

  it('unfolds folded iCalendar lines', () => {
    expect(prettyBody('BEGIN:VCALENDAR\r\nSUMMARY:a\r\n  b\r\nEND:VCALENDAR\r\n', 'text/calendar')).toBe('BEGIN:VCALENDAR\r\nSUMMARY:a b\r\nEND:VCALENDAR\r\n');
  });

  it('offers nothing for a body that is already pretty, malformed, or not XML or iCalendar', () => {
    const pretty = prettyXml('<a><b/></a>');
    expect(prettyBody(pretty, 'application/xml')).toBeUndefined();
    expect(prettyBody('<a><b></a>', 'application/xml')).toBeUndefined();
    expect(prettyBody('{"json": true}', 'application/json')).toBeUndefined();
  });
});
