// The date-time attributes CalDAV wants in UTC basic format (RFC 4791 §9.9): start and end of
// C:time-range, C:expand and C:limit-*, in a REPORT body.
import type { XmlElement } from '../parse/xml/tree.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { walk } from '../parse/xml/query.ts';
import { isUtcDateTime } from './checks.ts';

const TIMED = new Set(['time-range', 'expand', 'limit-recurrence-set', 'limit-freebusy-set'].map(caldav));

/** Every start or end under `root` that is not a UTC date-time like 20250101T000000Z, in document order. */
export function nonUtcTimes(root: XmlElement): { readonly element: XmlElement; readonly attribute: string; readonly value: string }[] {
  const out: { element: XmlElement; attribute: string; value: string }[] = [];
  walk(root, (el) => {
    if (!TIMED.has(el.name)) return;
    for (const a of el.attributes) if ((a.name === 'start' || a.name === 'end') && !isUtcDateTime(a.value.trim())) out.push({ element: el, attribute: a.name, value: a.value });
  });
  return out;
}
