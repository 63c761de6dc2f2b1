// Flags request paths (and Destination) with "//" or dot-segments: the mark of a URL-joining bug.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { rawPathOf } from '../model/paths.ts';

function problem(path: string): string | undefined {
  if (path.includes('//')) return 'an empty segment ("//")';
  if (/(^|\/)\.\.?(\/|$)/.test(path)) return 'a dot-segment ("/./" or "/../")';
  return undefined;
}

export default defineRule({
  id: 'http/path-double-slash-or-dot-segment',
  severity: 'warning',
  party: 'client',
  docs: {
    summary: 'A request path or Destination with "//" or "/./" or "/../" usually comes from a URL-joining bug and lands somewhere else.',
    specs: [rfc(4918, '8.3'), rfc(3986, '3.3')],
    details:
      'WebDAV URLs must not contain dot-segments (RFC 4918 §8.3), and "//" is almost always a base URL with a trailing slash joined to a ' +
      'path with a leading one. Servers may normalise differently, so the request reaches a different or nonexistent collection. ' +
      'Seen in python-caldav/caldav#302 (/XYZ/dav//45) and nextcloud/calendar PR #3263.',
  },
  messages: {
    path: { message: 'Request path {path} contains {what}', fix: 'Join base URL and path with exactly one "/" and resolve dot-segments before sending.' },
    given: { message: 'Request path {path} contains {what}, as the server listed it in a multistatus', fix: 'The server should list hrefs without empty or dot-segments; the client only sent back what it was given.' },
    destination: { message: 'Destination {path} contains {what}', fix: 'Build the Destination URL with exactly one "/" between segments.' },
  },
  check(view, context) {
    const out: Report<'path' | 'given' | 'destination'>[] = [];
    const raw = view.rawPath;
    const what = problem(raw);
    // A path the server itself listed in a multistatus, sent back as it came, is the server's doing.
    if (what && context.hrefsGiven.has(raw)) out.push({ messageId: 'given', party: 'server', data: { path: raw, what }, location: { side: 'request' } });
    else if (what) out.push({ messageId: 'path', data: { path: raw, what }, location: { side: 'request' } });
    const dest = view.reqHeader('Destination');
    if (dest) {
      const d = rawPathOf(dest.trim());
      const w = problem(d);
      if (w) out.push({ messageId: 'destination', data: { path: d, what: w }, location: { side: 'request', header: 'Destination' } });
    }
    return out;
  },
});
