// The editor's "pretty-print": an indented copy of an XML body, an unfolded copy of an iCalendar
// one, offered only when it means the same as the original (compared as replay compares bodies),
// so accepting it can never change what the server understands.
import { canonicalBody } from '../../rules/compare/canonical-body.ts';

/** The pretty form of `text`, or undefined when there is none or it would change the meaning. */
export function prettyBody(text: string, contentType: string | undefined): string | undefined {
  const trimmed = text.trimStart();
  const pretty = trimmed.startsWith('<') ? prettyXml(text) : trimmed.startsWith('BEGIN:') ? unfoldIcal(text) : undefined;
  if (pretty === undefined || pretty === text) return undefined;
  const bytes = (s: string) => ({ kind: 'captured' as const, bytes: new TextEncoder().encode(s), size: s.length, truncated: false });
  return canonicalBody(bytes(pretty), contentType) === canonicalBody(bytes(text), contentType) ? pretty : undefined;
}

/** Re-indents tags two spaces per level; an element holding only text stays on one line. */
export function prettyXml(text: string): string {
  const parts = text.split(/(<[^>]*>)/).filter((p) => p !== '' && p.trim() !== '');
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const isTag = p.startsWith('<');
    const closing = isTag && p.startsWith('</');
    const selfClosing = isTag && (p.endsWith('/>') || p.startsWith('<?') || p.startsWith('<!'));
    if (isTag && !closing && !selfClosing && parts[i + 2]?.startsWith('</') && !parts[i + 1]!.startsWith('<')) {
      out.push('  '.repeat(depth) + p + parts[i + 1]!.trim() + parts[i + 2]);
      i += 2;
      continue;
    }
    if (closing) depth = Math.max(0, depth - 1);
    out.push('  '.repeat(depth) + p.trim());
    if (isTag && !closing && !selfClosing) depth++;
  }
  return out.join('\n') + '\n';
}

/** Joins folded content lines (RFC 5545 §3.1), keeping CRLF line ends. */
export function unfoldIcal(text: string): string {
  return text.replace(/\r?\n[ \t]/g, '');
}
