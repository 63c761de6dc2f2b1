// Flags CalDAV discovery whose /.well-known/caldav redirects end on a web page or an HTML 403/405 instead of the DAV endpoint.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { isRedirect, isSuccess } from '../lib/checks.ts';
import type { ExchangeView } from '../engine/view.ts';

const WELL_KNOWN = /^\/\.well-known\/caldav\/?$/i;
const MAX_HOPS = 5;

/** The session key a Location points at, resolved against the request that got it. */
function locationKey(prev: ExchangeView): string | undefined {
  const loc = prev.resHeader('Location')?.trim();
  if (!loc) return undefined;
  try {
    return resourceKey(new URL(loc, `http://davscope.invalid${prev.rawPath}`).pathname);
  } catch {
    return undefined;
  }
}

/** Whether the exchange was reached by following redirects that started at /.well-known/caldav. */
function reachedFromWellKnown(view: ExchangeView, recent: readonly ExchangeView[]): boolean {
  let key = view.key;
  let hops = 0;
  for (let i = recent.length - 1; i >= 0 && hops < MAX_HOPS; i--) {
    const prev = recent[i]!;
    if (!isRedirect(prev.status) || locationKey(prev) !== key) continue;
    if (WELL_KNOWN.test(prev.path)) return true;
    key = prev.key;
    hops++;
  }
  return false;
}

export default defineRule({
  id: 'caldav/discovery-lands-on-non-dav',
  severity: 'warning',
  party: 'server',
  explains: 'refusal',
  docs: {
    summary: 'The redirects from /.well-known/caldav should end at the CalDAV context path, not at a web page or a front-end refusing DAV.',
    specs: [rfc(6764, '5'), rfc(6764, '6')],
    details:
      'RFC 6764 discovery starts at /.well-known/caldav, follows the redirect to the context path, and PROPFINDs DAV:current-user-principal ' +
      'there (§6). When the chain ends on an HTML page, the client is talking to a web interface: Radicale redirects / to its web UI ' +
      '/.web/ for GET, so a client that turned the PROPFIND into a GET lands there (toeverything/AFFiNE#15482). An HTML 403 or 405 ' +
      'means a web server or reverse proxy answers the path and never passes PROPFIND on (AvengeMedia/dankcalendar#98, nginx 405). ' +
      'Fix the redirect target, the proxy\'s allowed methods, or have the client keep PROPFIND across redirects.',
  },
  messages: {
    'web-page': {
      message: 'Discovery from /.well-known/caldav ended at {path}: {method} answered {status} with a web page',
      fix: 'Follow the redirect with PROPFIND (not GET), and make /.well-known/caldav point at the CalDAV context path, not the web UI.',
    },
    refused: {
      message: 'Discovery from /.well-known/caldav ended at {path}: {method} answered {status} from a web front-end',
      fix: 'Let the web server or proxy pass PROPFIND/REPORT (and OPTIONS) to the CalDAV server at that path, or point the well-known redirect elsewhere.',
    },
  },
  check(view, context) {
    const status = view.status;
    if (status === undefined) return [];
    const html = view.responseType?.type === 'text/html';
    const dav = view.method === 'PROPFIND' || view.method === 'REPORT';
    let messageId: 'web-page' | 'refused';
    // A 2xx HTML answer to PROPFIND/REPORT is webdav/multistatus-expected's finding.
    if (isSuccess(status) && html && !dav) messageId = 'web-page';
    else if ((status === 403 && html) || status === 405) messageId = 'refused';
    else return [];
    if (!reachedFromWellKnown(view, context.recent)) return [];
    return [{ messageId, data: { path: view.path, method: view.method, status }, location: { side: 'response' } }];
  },
});
