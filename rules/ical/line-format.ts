// Flags iCalendar line-format faults: bare LF or CR line ends, unfolded long lines, blank lines, control characters.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import type { Side } from '../engine/view.ts';

type Id = 'line-endings' | 'unfolded' | 'blank-lines' | 'control-chars';

export default defineRule({
  id: 'ical/line-format',
  severity: 'warning',
  party: 'by-side',
  judgesKeptPart: true,
  docs: {
    summary: 'iCalendar lines end with CRLF, are folded at 75 octets, contain no blank lines and no control characters other than tab.',
    specs: [rfc(5545, '3.1'), rfc(5545, '3.3.11')],
    details:
      'Lenient parsers cope with LF-only lines and long lines, strict ones do not: Radicale once wrote LF-only output (Kozea/Radicale#714), ' +
      'bare-CR folding broke sabre (sabre-io/dav#591), blank lines gave Purelymail a 500 (Purelymail/purelymail-issues#202), and ' +
      'CalendarServer refuses control characters with 403 (CalDAVTester errors.xml "Illegal controls").',
  },
  messages: {
    'line-endings': { message: '{side} iCalendar uses {kind} line endings ({count} lines)', fix: 'End every line with CRLF.' },
    unfolded: { message: '{side} iCalendar has {count} line(s) longer than 75 octets', fix: 'Fold long lines: break after 75 octets and continue with a single space.' },
    'blank-lines': { message: '{side} iCalendar has {count} blank line(s) inside the object', fix: 'Remove empty lines.' },
    'control-chars': { message: '{side} iCalendar has control characters in {count} line(s)', fix: 'Strip control characters other than tab from values.' },
  },
  check(view) {
    const out: Report<Id>[] = [];
    for (const side of ['request', 'response'] as Side[]) {
      if (side === 'request' && view.method !== 'PUT' && view.method !== 'POST') continue;
      const r = view.ical(side);
      if (!r) continue;
      const lines = r.ok ? r.doc.lines : r.partial.lines;
      const location = { side };
      if (lines.bareLf > 0) out.push({ messageId: 'line-endings', data: { side, kind: 'bare LF', count: lines.bareLf }, location });
      else if (lines.bareCr > 0) out.push({ messageId: 'line-endings', data: { side, kind: 'bare CR', count: lines.bareCr }, location });
      if (lines.overlong > 0) out.push({ messageId: 'unfolded', data: { side, count: lines.overlong }, location });
      if (lines.blank > 0) out.push({ messageId: 'blank-lines', data: { side, count: lines.blank }, location });
      if (lines.controlChars > 0) out.push({ messageId: 'control-chars', data: { side, count: lines.controlChars }, location });
    }
    return out;
  },
});
