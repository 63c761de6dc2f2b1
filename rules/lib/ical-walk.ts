// Walks every property of a component and its subcomponents (VALARM included), for rules that scan values.
import type { IcalComponent, IcalProperty } from '../ical/parse-ical.ts';
export { definedTzids, mainComponents } from '../ical/query.ts';

/** Every property of the component and of its nested components, in document order. */
export function allProperties(comp: IcalComponent): IcalProperty[] {
  const out: IcalProperty[] = [...comp.properties];
  for (const sub of comp.components) out.push(...allProperties(sub));
  return out;
}
