// Look-ups over the parsed iCalendar tree in the vocabulary of RFC 4791 §4.1 (main components, UIDs).
import type { IcalComponent, IcalDocument, IcalProperty } from './parse.ts';

export function prop(comp: IcalComponent, name: string): IcalProperty | undefined {
  for (const p of comp.properties) if (p.name === name) return p;
  return undefined;
}

export function props(comp: IcalComponent, name: string): IcalProperty[] {
  return comp.properties.filter((p) => p.name === name);
}

export function subcomponents(comp: IcalComponent, name?: string): IcalComponent[] {
  return name === undefined ? [...comp.components] : comp.components.filter((c) => c.name === name);
}

/** The VCALENDAR objects at top level. */
export function calendars(doc: IcalDocument): IcalComponent[] {
  return doc.components.filter((c) => c.name === 'VCALENDAR');
}

/** Components of the calendar object other than VTIMEZONE (the calendar object's main components, RFC 4791 §4.1). */
export function mainComponents(doc: IcalDocument): IcalComponent[] {
  return calendars(doc).flatMap((cal) => cal.components.filter((c) => c.name !== 'VTIMEZONE'));
}

/** The component's UID, trimmed; '' when it has none or an empty one (both lack a UID). */
export function uidOf(comp: IcalComponent): string {
  return prop(comp, 'UID')?.value.trim() ?? '';
}

/** Distinct UID values of the main components, in order of appearance. */
export function uids(doc: IcalDocument): string[] {
  // A Set, not out.includes: 10,000 components with distinct UIDs made that quadratic (~200 ms).
  const seen = new Set<string>();
  for (const c of mainComponents(doc)) {
    const u = uidOf(c);
    if (u) seen.add(u);
  }
  return [...seen];
}

/** TZIDs defined by VTIMEZONE components. */
export function definedTzids(doc: IcalDocument): Set<string> {
  const out = new Set<string>();
  for (const cal of calendars(doc)) for (const tz of subcomponents(cal, 'VTIMEZONE')) {
    const id = prop(tz, 'TZID')?.value.trim();
    if (id) out.add(id);
  }
  return out;
}
