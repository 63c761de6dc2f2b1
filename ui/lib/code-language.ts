// Which highlighting a body gets in the code editor, from its Content-Type (or its first bytes).

export type CodeLanguage = 'xml' | 'ical' | 'text';

/** The language a Content-Type asks for (XML types, text/calendar), else plain text. */
export function languageOf(contentType: string | undefined, body: string): CodeLanguage {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/calendar' || (!type && body.startsWith('BEGIN:VCALENDAR'))) return 'ical';
  if (type.endsWith('/xml') || type.endsWith('+xml') || (!type && body.trimStart().startsWith('<'))) return 'xml';
  return 'text';
}
