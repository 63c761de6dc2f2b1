// A 207 multistatus as table rows: each DAV:response's href, its status (or each propstat's),
// the properties with their text, and calendar-data kept whole to show as iCalendar. Pure.
import type { XmlElement } from '../../rules/parse/xml/tree.ts';
import { prefixedName } from '../../rules/decode/preconditions.ts';

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
  return elements(root, DAV('response')).map((r) => {
    const status = statusOf(first(r, DAV('status')));
    const propstats = elements(r, DAV('propstat')).map((ps) => ({
      status: statusOf(first(ps, DAV('status'))),
      props: (first(ps, DAV('prop'))?.children ?? []).flatMap((c): PropCell[] => {
        if (c.kind !== 'element') return [];
        const value = textOf(c);
        return [{ name: prefixedName(c.name), value: c.children.some((x) => x.kind === 'element') ? c.children.flatMap((x) => (x.kind === 'element' ? [prefixedName(x.name) + (textOf(x) ? ` ${textOf(x)}` : '')] : [])).join(', ') : value, ...(c.name === CALENDAR_DATA && value ? { calendarData: value } : {}) }];
      }),
    }));
    const errors = (first(r, DAV('error'))?.children ?? []).flatMap((c) => (c.kind === 'element' ? [prefixedName(c.name)] : []));
    const failed = (status ?? 0) >= 400 || propstats.some((p) => (p.status ?? 0) >= 400);
    return { href: elements(r, DAV('href')).map(textOf).join(' '), ...(status !== undefined ? { status } : {}), propstats, failed, errors };
  });
}

function elements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

function first(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : '')).join('').trim();
}

function statusOf(el: XmlElement | undefined): number | undefined {
  const m = el ? /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(textOf(el)) : null;
  return m ? Number(m[1]) : undefined;
}
