// Flags weak (W/) ETags on calendar objects, which make every If-Match fail (often a compressing proxy's doing).
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { child, textOf } from '../parse/xml/query.ts';

const GETETAG = dav('getetag');

export default defineRule({
  id: 'caldav/weak-etag-on-calendar-object',
  severity: 'warning',
  party: 'server',
  docs: {
    summary: 'Calendar objects need strong ETags; a W/ tag cannot be used in If-Match.',
    specs: [rfc(4791, '5.3.4'), rfc(9110, '8.8.1'), rfc(9110, '13.1.1')],
    details:
      'CalDAV requires strong ETags on calendar objects. If-Match compares strongly, so a client that echoes a weak tag gets 412 forever. ' +
      'The usual cause is a reverse proxy that compresses responses (nginx gzip, Apache mod_deflate) and weakens or drops ETags; Cyrus ' +
      'also prefixes W/ when it compresses. Exempt DAV paths from compression, or have the client send Accept-Encoding: identity. Seen ' +
      'in DouglasdeMoura/chroncal#226 and koreader/koreader PR #15715.',
  },
  messages: {
    header: { message: '{method} {path} returned a weak ETag {value}', fix: 'Turn off response compression for DAV paths, or request Accept-Encoding: identity.' },
    getetag: { message: 'DAV:getetag of {href} is weak: {value}', fix: 'Turn off response compression for DAV paths so the server\'s strong ETags survive.' },
  },
  check(view) {
    const out: Report<'header' | 'getetag'>[] = [];
    const etag = view.resHeader('ETag')?.trim();
    if (etag?.startsWith('W/') && ['GET', 'HEAD', 'PUT'].includes(view.method) && !view.path.endsWith('/'))
      out.push({ messageId: 'header', data: { method: view.method, path: view.path, value: etag }, location: { side: 'response', header: 'ETag' } });
    for (const e of view.multistatus ?? []) {
      if (e.href.endsWith('/')) continue;
      for (const ps of e.propstats) {
        const value = textOf(child(ps.prop, GETETAG)).trim();
        if (value.startsWith('W/')) out.push({ messageId: 'getetag', data: { href: e.href, value }, location: { side: 'response', xmlElement: GETETAG } });
      }
    }
    return out;
  },
});
