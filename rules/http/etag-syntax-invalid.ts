// Flags entity tags that break the quoted-string grammar, in ETag, DAV:getetag, If-Match and If-None-Match.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { child, textOf } from '../parse/xml/query.ts';
import { isEntityTag, isEtagList } from '../lib/checks.ts';

const GETETAG = dav('getetag');

export default defineRule({
  id: 'http/etag-syntax-invalid',
  severity: 'error',
  party: 'by-side',
  docs: {
    summary: 'Entity tags are quoted strings (optionally W/-prefixed); If-Match and If-None-Match take * or a list of them.',
    specs: [rfc(9110, '8.8.3'), rfc(4918, '15.6')],
    details:
      'Clients echo ETags back in If-Match. An unquoted value such as 2013-02-18T05:33:13Z or someid is not an entity tag, so strict ' +
      'servers never match it and every conditional update fails. DAV:getetag must hold the same value as the ETag header. Seen with ' +
      'DavMail (pimutils/vdirsyncer#214) and Kerio (twentyhq/twenty#25648).',
  },
  messages: {
    'response-header': { message: 'The server sent ETag: {value}, which is not a quoted entity tag', fix: 'Servers must quote ETags: ETag: "{value}".' },
    getetag: { message: 'DAV:getetag of {href} is {value}, not a quoted entity tag', fix: 'The server must return getetag exactly as its ETag header, quotes included.' },
    'request-header': { message: '{header}: {value} is neither * nor a list of quoted entity tags', fix: 'Echo the ETag exactly as the server sent it, quotes included.' },
  },
  check(view, context) {
    const out: Report<'response-header' | 'getetag' | 'request-header'>[] = [];
    // A client sending back the very ETag the server gave it is not at fault: that was said on the answer.
    const given = context.resource(view.key)?.etag;
    for (const header of ['If-Match', 'If-None-Match'])
      for (const value of view.reqHeaders(header)) if (!isEtagList(value) && value.trim() !== given?.trim()) out.push({ messageId: 'request-header', data: { header, value }, location: { side: 'request', header } });
    const etag = view.resHeader('ETag');
    if (etag !== undefined && !isEntityTag(etag)) out.push({ messageId: 'response-header', data: { value: etag }, location: { side: 'response', header: 'ETag' } });
    for (const e of view.multistatus ?? []) {
      for (const ps of e.propstats) {
        const g = child(ps.prop, GETETAG);
        const value = g ? textOf(g).trim() : '';
        if (value !== '' && !isEntityTag(value)) out.push({ messageId: 'getetag', data: { href: e.href, value }, location: { side: 'response', xmlElement: GETETAG } });
      }
    }
    return out;
  },
});
