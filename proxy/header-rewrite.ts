// Header work a reverse proxy must do: drop hop-by-hop headers (RFC 9110 §7.6.1) and map
// absolute URLs between the proxy's origin and the upstream's so clients stay on the proxy.

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// Connection may name these, but dropping them would change how the message is framed or where
// it goes (`Connection: content-length` would send a GET's body unframed: a smuggled request).
const NEVER_HOP_BY_HOP = new Set(['content-length', 'host']);

/** Flat rawHeaders ([n, v, n, v...]) to pairs, minus hop-by-hop ones and those named in Connection. */
export function endToEndPairs(raw: readonly string[]): [string, string][] {
  const extra = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === 'connection') {
      for (const token of raw[i + 1].split(',')) {
        const lower = token.trim().toLowerCase();
        if (!NEVER_HOP_BY_HOP.has(lower)) extra.add(lower);
      }
    }
  }
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(lower) || extra.has(lower)) continue;
    out.push([raw[i], raw[i + 1]]);
  }
  return out;
}

/** Rewrites an absolute URL from one origin to another; anything else is returned unchanged. */
export function mapOrigin(value: string, from: string, to: string): string {
  if (value.length < from.length) return value;
  if (value.slice(0, from.length).toLowerCase() !== from.toLowerCase()) return value;
  const rest = value.slice(from.length);
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?') && !rest.startsWith('#')) return value;
  return to + rest;
}

/** "http://host" and "http://host:80" are one origin: both spellings map. */
export function originSpellings(url: URL): string[] {
  const bare = `${url.protocol}//${url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname}`;
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const port = url.port || defaultPort;
  return port === defaultPort ? [bare, `${bare}:${defaultPort}`] : [`${bare}:${port}`];
}
