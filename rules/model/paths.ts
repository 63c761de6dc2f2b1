// Request-target and href paths, and the resource keys the session files them under; tolerant of
// what clients really send.

/** The path of a request-target or href: absolute URIs lose scheme and authority, query and fragment go. */
export function rawPathOf(target: string): string {
  let t = target;
  // Origin-form (the common case) cannot carry a scheme: skip the regex.
  if (t.charCodeAt(0) !== 47) {
    // Xandikos 0.2 writes 207 hrefs as absolute URLs with their colons encoded
    // ("http%3A//host%3A8080/path"); they name the same resource.
    const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*(?::|%3[aA])\/\/[^/?#]*/.exec(t);
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
