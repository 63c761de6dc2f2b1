// Absolute URLs as browsers and servers parse them (WHATWG URL, a global in Node and the page), so a
// rule never takes `alice:pw@` for a host; and URL credentials (a password in the userinfo, a
// token in the query) kept out of finding messages and recordings.

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

const HIDDEN = '[redacted]';

// The password runs to the last "@" before the path, as WHATWG URL reads it.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s:]*):([^/?#\s]*)@/gi;

/**
 * Query (and `;` matrix) parameters whose value is a credential: OAuth and API tokens, passwords,
 * signed-URL signatures, session ids. Matched whole and case-insensitively.
 */
export const SECRET_QUERY_NAMES: readonly string[] = [
  'access_token', 'refresh_token', 'id_token', 'token', 'auth', 'auth_token', 'authorization',
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'client_secret',
  'key', 'api_key', 'apikey', 'api-key', 'sig', 'signature', 'code',
  'session', 'sessionid', 'session_id', 'sid', 'jsessionid', 'phpsessid',
  'x-amz-signature', 'x-amz-security-token', 'x-amz-credential', 'x-goog-signature', 'x-goog-credential',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
// The value ends where a URL part, a quoted string or an angle-bracketed URL ends.
const QUERY_SECRET = new RegExp(`([?&;](?:${SECRET_QUERY_NAMES.map(escape).join('|')})=)([^&#;\\s"'<>]*)`, 'gi');

/**
 * `?access_token=abc&x=1` → `?access_token=[redacted]&x=1`, wherever such a parameter appears in the
 * text; each value replaced (raw, and percent-decoded) is told to onSecret.
 */
export function hideQuerySecrets(text: string, onSecret?: (value: string) => void): string {
  // Most texts have no "=": skip the regex.
  if (!text.includes('=')) return text;
  return text.replace(QUERY_SECRET, (all, key: string, value: string) => {
    if (value === '' || value === HIDDEN) return all;
    if (onSecret) {
      onSecret(value);
      try {
        onSecret(decodeURIComponent(value.replace(/\+/g, ' ')));
        onSecret(decodeURIComponent(value));
      } catch {
        // a malformed escape: the raw form is already told
      }
    }
    return key + HIDDEN;
  });
}

/** `http://alice:pw@host/` → `http://alice:[redacted]@host/`, wherever a URL appears in the text. */
export function hideUrlPasswords(text: string): string {
  // Most texts have no "@": skip the regex.
  return text.includes('@') ? text.replace(URL_PASSWORD, `$1$2:${HIDDEN}@`) : text;
}

/** Both: what a finding message may quote of a URL. */
export function hideUrlSecrets(text: string): string {
  return hideQuerySecrets(hideUrlPasswords(text));
}
