// Media-type and URL helpers shared by the view and the rules; tolerant of what clients really send.

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

/** The path of a request-target or href: absolute URIs lose scheme and authority, query and fragment go. */
export function rawPathOf(target: string): string {
  let t = target;
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(t);
  if (scheme) t = t.slice(scheme[0].length) || '/';
  const cut = t.search(/[?#]/);
  return cut === -1 ? t : t.slice(0, cut);
}

/** Percent-decoded path; the raw path when the encoding is broken. */
export function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A path for session keys: decoded, without trailing slashes (so /a/b and /a/b/ meet), "/" kept. */
export function resourceKey(hrefOrTarget: string): string {
  const p = decodePath(rawPathOf(hrefOrTarget.trim()));
  const stripped = p.replace(/\/+$/, '');
  return stripped === '' ? '/' : stripped;
}

/** The parent collection key of a resource key. */
export function parentKey(key: string): string {
  const i = key.lastIndexOf('/');
  return i <= 0 ? '/' : key.slice(0, i);
}
