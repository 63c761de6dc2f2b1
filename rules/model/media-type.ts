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
  // Origin-form (the common case) cannot carry a scheme: skip the regex.
  if (t.charCodeAt(0) !== 47) {
    const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(t);
    if (scheme) t = t.slice(scheme[0].length) || '/';
  }
  const q = t.indexOf('?');
  const h = t.indexOf('#');
  const cut = q === -1 ? h : h === -1 ? q : Math.min(q, h);
  return cut === -1 ? t : t.slice(0, cut);
}

/** Percent-decoded path; the raw path when the encoding is broken. */
export function decodePath(raw: string): string {
  // Without a "%" decodeURIComponent returns its input unchanged (and cannot throw).
  if (raw.indexOf('%') === -1) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A path for session keys: decoded, without trailing slashes (so /a/b and /a/b/ meet), "/" kept. */
export function resourceKey(hrefOrTarget: string): string {
  const p = decodePath(rawPathOf(hrefOrTarget.trim()));
  let end = p.length;
  while (end > 0 && p.charCodeAt(end - 1) === 47) end--;
  return end === 0 ? '/' : end === p.length ? p : p.slice(0, end);
}

/** The parent collection key of a resource key. */
export function parentKey(key: string): string {
  const i = key.lastIndexOf('/');
  return i <= 0 ? '/' : key.slice(0, i);
}
