// Headers as the editors show them: one "Name: value" per line, in wire order.

export function headersToText(headers: readonly (readonly [string, string])[]): string {
  return headers.map(([n, v]) => `${n}: ${v}`).join('\n');
}

/** The editor's header lines back to pairs; a line without a colon is reported, not dropped. */
export function headersFromText(text: string): { headers: [string, string][] } | { error: string } {
  const headers: [string, string][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `"${line.slice(0, 60)}" is not a header line (Name: value)` };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { headers };
}

/** The value of the first header of that name, case-insensitively. */
export function headerIn(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}
