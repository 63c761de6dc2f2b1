// Absolute URLs as browsers and servers parse them (WHATWG URL, a global in Node and the page), so a
// rule never takes `alice:pw@` for a host; and URL passwords kept out of finding messages.

/** Scheme (lower case, no colon) and host (lower case, default port dropped) of an absolute URL; undefined for anything else. */
export function urlOrigin(value: string): { readonly scheme: string; readonly host: string } | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    const u = new URL(value);
    return { scheme: u.protocol.slice(0, -1), host: u.host };
  } catch {
    return undefined;
  }
}

/** A Host header in the form urlOrigin gives (`dav.example.com:80` over http is `dav.example.com`). */
export function normalHost(host: string, scheme: string): string {
  try {
    return new URL(`${scheme}://${host}`).host;
  } catch {
    return host.toLowerCase();
  }
}

// The password runs to the last "@" before the path, as WHATWG URL reads it.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s:]*):([^/?#\s]*)@/gi;

/** `http://alice:pw@host/` → `http://alice:[redacted]@host/`, wherever a URL appears in the text. */
export function hideUrlPasswords(text: string): string {
  // Most texts have no "@": skip the regex.
  return text.includes('@') ? text.replace(URL_PASSWORD, '$1$2:[redacted]@') : text;
}
