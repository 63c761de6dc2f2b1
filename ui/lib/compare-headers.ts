// Two messages' headers lined up by name for the compare view: same, added, removed or changed.

export type HeaderChange = { readonly name: string; readonly left?: string; readonly right?: string; readonly kind: 'same' | 'added' | 'removed' | 'changed' };

/** Headers of two messages lined up by name (case-insensitive, repeated names joined). */
export function compareHeaders(left: readonly (readonly [string, string])[], right: readonly (readonly [string, string])[]): HeaderChange[] {
  const group = (list: readonly (readonly [string, string])[]) => {
    const m = new Map<string, { name: string; values: string[] }>();
    for (const [n, v] of list) {
      const e = m.get(n.toLowerCase());
      if (e) e.values.push(v);
      else m.set(n.toLowerCase(), { name: n, values: [v] });
    }
    return m;
  };
  const a = group(left);
  const b = group(right);
  const out: HeaderChange[] = [];
  for (const [key, { name, values }] of a) {
    const other = b.get(key);
    const l = values.join(', ');
    if (!other) out.push({ name, left: l, kind: 'removed' });
    else {
      const r = other.values.join(', ');
      out.push({ name, left: l, right: r, kind: l === r ? 'same' : 'changed' });
    }
  }
  for (const [key, { name, values }] of b) if (!a.has(key)) out.push({ name, right: values.join(', '), kind: 'added' });
  return out;
}
