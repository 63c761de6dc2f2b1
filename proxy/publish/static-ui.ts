// Serves the built inspector UI (vite's output in dist/ui/) on the inspector port, with headers that
// keep captured content inert: nosniff, a strict Content-Security-Policy, no framing.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fromRoot } from '../package-root.ts';

export const DEFAULT_UI_DIR = fromRoot('dist', 'ui') + sep;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// No inline script can run: traffic is rendered as text, and should something slip through, the
// browser still refuses it. Styles come from lit's constructable stylesheets and the built CSS file.
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const NOT_BUILT =
  'davscope: the inspector UI is not built (dist/ui/index.html is missing).\n' +
  'Run `npm run build:ui` in the davscope checkout (`npm ci` and `npm install` run it for you), then reload.\n' +
  'The API is available meanwhile under /api/ (try /api/exchanges).\n';

/** Returns a handler that answers GET/HEAD for the UI's files, or false for paths it does not own. */
export function createStaticUi(dir: string = DEFAULT_UI_DIR): { readonly built: boolean; handle(req: IncomingMessage, res: ServerResponse): boolean } {
  const root = normalize(dir.endsWith(sep) ? dir : dir + sep);
  // Checked on every page load, not once: building the UI while davscope runs needs no restart.
  const isBuilt = () => existsSync(join(root, 'index.html'));
  return {
    get built() {
      return isBuilt();
    },
    handle(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if ((pathname === '/' || pathname === '/index.html') && !isBuilt()) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        res.end(NOT_BUILT);
        return true;
      }
      let rel: string;
      try {
        rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
      } catch {
        return false;
      }
      const file = normalize(join(root, rel));
      if (!file.startsWith(root) || rel.includes('\0')) return false;
      let size: number;
      try {
        const st = statSync(file);
        if (!st.isFile()) return false;
        size = st.size;
      } catch {
        return false;
      }
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      // vite names built assets by content hash, so they never change; the page itself must be fresh.
      const cache = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Cache-Control': cache, ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
      return true;
    },
  };
}
