// A 207 multistatus as table rows: each DAV:response's href, its status (or each propstat's),
// the properties with their text, and calendar-data kept whole to show as iCalendar. Pure.
import type { XmlElement } from '../../rules/parse/xml/tree.ts';
import { prefixedName } from '../../rules/decode/preconditions.ts';
import { child, childElements, textOf } from '../../rules/parse/xml/query.ts';
import { statusOf } from '../../rules/engine/multistatus.ts';

export interface PropCell {
  /** e.g. "D:getetag", "C:calendar-data". */
  readonly name: string;
  readonly value: string;
  /** Text of a CALDAV:calendar-data property, to show as an iCalendar tree. */
  readonly calendarData?: string;
}

export interface MultistatusRow {
  readonly href: string;
  /** The response's own status, or each propstat's with its properties. */
  readonly status?: number;
  readonly propstats: readonly { readonly status?: number; readonly props: readonly PropCell[] }[];
  /** Any status of 400 or more: the page highlights the row. */
  readonly failed: boolean;
  /** DAV:error conditions of the response, prefixed. */
  readonly errors: readonly string[];
}

const DAV = (local: string) => `{DAV:}${local}`;
const CALENDAR_DATA = '{urn:ietf:params:xml:ns:caldav}calendar-data';

export function multistatusRows(root: XmlElement): MultistatusRow[] | undefined {
  if (root.name !== DAV('multistatus')) return undefined;
  const status = (el: XmlElement) => statusOf(textOf(child(el, DAV('status'))).trim() || undefined);
  return childElements(root, DAV('response')).map((r) => {
    const propstats = childElements(r, DAV('propstat')).map((ps) => ({
      status: status(ps),
      props: (child(ps, DAV('prop'))?.children ?? []).flatMap((c): PropCell[] => {
        if (c.kind !== 'element') return [];
        const value = textOf(c).trim();
        return [{ name: prefixedName(c.name), value: c.children.some((x) => x.kind === 'element') ? childElements(c).map((x) => prefixedName(x.name) + (textOf(x).trim() ? ` ${textOf(x).trim()}` : '')).join(', ') : value, ...(c.name === CALENDAR_DATA && value ? { calendarData: value } : {}) }];
      }),
    }));
    const own = status(r);
    const error = child(r, DAV('error'));
    const errors = error ? childElements(error).map((c) => prefixedName(c.name)) : [];
    const failed = (own ?? 0) >= 400 || propstats.some((p) => (p.status ?? 0) >= 400);
    return { href: childElements(r, DAV('href')).map((h) => textOf(h).trim()).join(' '), ...(own !== undefined ? { status: own } : {}), propstats, failed, errors };
  });
}
