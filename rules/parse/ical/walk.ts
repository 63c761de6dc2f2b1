// Walks every property of a component and its subcomponents (VALARM included), for rules that scan values.
import type { IcalComponent, IcalProperty } from './parse.ts';
export { definedTzids, mainComponents } from './query.ts';

/** Every property of the component and of its nested components, in document order. */
export function allProperties(comp: IcalComponent): IcalProperty[] {
  // An explicit stack, not recursion: the parser accepts components nested thousands deep (hostile
  // input), which overflowed the call stack.
  const out: IcalProperty[] = [];
  const stack: IcalComponent[] = [comp];
  while (stack.length > 0) {
    const c = stack.pop()!;
    for (const p of c.properties) out.push(p);
    for (let i = c.components.length - 1; i >= 0; i--) stack.push(c.components[i]!);
  }
  return out;
}
