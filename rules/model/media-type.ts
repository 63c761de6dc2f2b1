// Media types (Content-Type values) as the view and the rules read them; tolerant of what clients really send.

export interface MediaType {
  /** Lower-case "type/subtype". */
  readonly type: string;
  /** Parameters by lower-case name, quotes removed. */
  readonly params: Readonly<Record<string, string>>;
  readonly charset?: string;
}

export function parseMediaType(value: string | undefined): MediaType | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(';');
  const type = parts[0]!.trim().toLowerCase();
  if (type === '') return undefined;
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  const charset = params.charset?.toLowerCase();
  return charset === undefined ? { type, params } : { type, params, charset };
}

/** application/xml, text/xml and any +xml type (RFC 7303). */
export function isXmlMediaType(type: string | undefined): boolean {
  return type !== undefined && (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml'));
}
