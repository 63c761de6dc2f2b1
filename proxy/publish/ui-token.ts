// --ui-token: the inspector's page, API and WebSocket answer only to requests that carry the token,
// as `Authorization: Bearer TOKEN` (scripts), `?token=TOKEN` (the URL printed at start-up), or the
// HttpOnly, SameSite=Strict cookie the page gets in exchange for that URL. Compared in constant
// time; never echoed in an answer or a log line.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a token may be made of: it travels in a URL and a cookie unescaped. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{8,256}$/;

const digest = (s: string) => createHash('sha256').update(s).digest();

const UNAUTHORIZED =
  'davscope: this inspector is protected by --ui-token.\n' +
  'Open the inspector URL davscope printed at start-up (it ends in ?token=...), or send the header\n' +
  '"Authorization: Bearer TOKEN" to the API.\n';

export interface UiAuth {
  /** True when the request carries the token (header, cookie or query). */
  allows(req: IncomingMessage): boolean;
  /**
   * Answers a request that must not go further and returns true: 401 without the token, or, for a
   * page load with a correct ?token=, a redirect to the same URL without it that sets the cookie
   * (so the token leaves the address bar and the history). Returns false to let the request through.
   */
  gate(req: IncomingMessage, res: ServerResponse): boolean;
  /** The raw answer for a WebSocket upgrade without the token. */
  readonly upgradeRefusal: string;
}

/** `port` is the inspector's port (known once it listens): cookies are per host, not per port. */
export function createUiAuth(token: string, port: () => number): UiAuth {
  const expected = digest(token);
  // Hashing first gives equal lengths, so timingSafeEqual never throws and length leaks nothing.
  const matches = (candidate: string | undefined) => candidate !== undefined && timingSafeEqual(digest(candidate), expected);
  const cookieName = () => `davscope-token-${port()}`;

  const fromCookie = (req: IncomingMessage): string | undefined => {
    const name = cookieName();
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
    }
    return undefined;
  };
  const fromHeader = (req: IncomingMessage): string | undefined => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return m?.[1];
  };
  const url = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost');

  const allowsWithoutQuery = (req: IncomingMessage) => matches(fromHeader(req)) || matches(fromCookie(req));

  return {
    allows(req) {
      return allowsWithoutQuery(req) || matches(url(req).searchParams.get('token') ?? undefined);
    },
    gate(req, res) {
      const u = url(req);
      const query = u.searchParams.get('token');
      if (query !== null && matches(query) && !u.pathname.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD')) {
        u.searchParams.delete('token');
        res.writeHead(303, {
          Location: u.pathname + u.search,
          'Set-Cookie': `${cookieName()}=${query}; HttpOnly; SameSite=Strict; Path=/`,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
          'Content-Length': 0,
        });
        res.end();
        return true;
      }
      if (allowsWithoutQuery(req) || (query !== null && matches(query))) return false;
      res.writeHead(401, {
        'Content-Type': 'text/plain; charset=utf-8',
        'WWW-Authenticate': 'Bearer realm="davscope"',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(UNAUTHORIZED);
      return true;
    },
    upgradeRefusal: `HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nWWW-Authenticate: Bearer realm="davscope"\r\nConnection: close\r\n\r\n${UNAUTHORIZED}`,
  };
}
