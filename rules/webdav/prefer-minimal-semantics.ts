// Explains how a server treated Prefer: return=minimal / depth-noroot (RFC 8144): ignored (legal), claimed but not done, or no Vary.
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { appliedPreferences, requestedPreferences } from '../lib/prefer.ts';

type Id = 'ignored' | 'applied-not-honoured' | 'missing-vary';

// Methods after which return=representation asks for the stored resource in the body (RFC 7240 §4.2, RFC 8144).
const WRITES = new Set(['PUT', 'POST', 'COPY', 'MOVE', 'PROPPATCH']);

export default defineRule({
  id: 'webdav/prefer-minimal-semantics',
  severity: 'info',
  party: 'by-side',
  docs: {
    summary: 'With Prefer: return=minimal a PROPFIND/REPORT answer drops its 404 propstats, and with depth-noroot it leaves out the request-URI.',
    specs: [rfc(8144), rfc(7240, '3'), rfc(7240, '2')],
    details:
      'RFC 8144 gives WebDAV meanings to RFC 7240 preferences: return=minimal asks a PROPFIND or REPORT to omit the propstats of ' +
      'properties that do not exist (404), and a successful PROPPATCH/MKCALENDAR/MKCOL to come back without a body; depth-noroot ' +
      'asks a Depth: 1 PROPFIND or REPORT to leave out the request-URI itself; return=representation asks a PUT, POST, COPY, MOVE or ' +
      'PROPPATCH to send the stored resource back, saving the GET that would follow. Preferences are hints: a server may ignore them, and ' +
      'then it simply does not list them in Preference-Applied, so a client must still cope with 404 propstats (Radicale and many ' +
      'sabre setups ignore Prefer; Apple CalendarServer and Cyrus honour it, CalDAVTester prefer.xml and brief.xml). What a server ' +
      'must not do is claim a preference in Preference-Applied and not apply it. A cacheable response shaped by Prefer should carry ' +
      'Vary: Prefer so a cache does not serve the minimal form to a client that wanted the full one. The legacy Brief: t header is ' +
      'read as return=minimal.',
  },
  messages: {
    ignored: {
      message: '{method} asked for {preference} but the server ignored it ({evidence})',
      fix: 'Nothing is wrong: preferences are optional. Keep handling the full answer; drop the header if this server never honours it.',
    },
    'applied-not-honoured': {
      message: 'Preference-Applied says {preference}, yet the {method} answer has {evidence}',
      fix: 'Server side: only list a preference in Preference-Applied when the response really applies it.',
    },
    'missing-vary': {
      message: '{method} response applied {preference} but has no Vary: Prefer',
      fix: 'Server side: add Vary: Prefer to cacheable responses whose form depends on the Prefer header.',
    },
  },
  check(view) {
    const status = view.status;
    if (status === undefined || status < 200 || status >= 300) return [];
    if (view.reqHeader('Prefer') === undefined && view.reqHeader('Brief') === undefined) return [];
    const wanted = requestedPreferences(view);
    if (!wanted.minimal && !wanted.noroot && !wanted.representation) return [];
    const applied = appliedPreferences(view);
    const appliedMinimal = applied.some((p) => p.name === 'return' && p.value?.toLowerCase() === 'minimal');
    const appliedNoroot = applied.some((p) => p.name === 'depth-noroot');
    const appliedRepresentation = applied.some((p) => p.name === 'return' && p.value?.toLowerCase() === 'representation');
    const method = view.method;
    const out: Report<Id>[] = [];
    const location = { side: 'response' as const, header: 'Preference-Applied' };
    const minimalName = wanted.brief ? 'Brief: t (return=minimal)' : 'return=minimal';

    if (method === 'GET' || method === 'HEAD') {
      const vary = view.resHeaderList('Vary').map((v) => v.toLowerCase());
      if (applied.length > 0 && !vary.includes('prefer') && !vary.includes('*')) {
        out.push({ messageId: 'missing-vary', severity: 'warning', data: { method, preference: applied.map((p) => p.name).join(', ') }, location: { side: 'response', header: 'Vary' } });
      }
      return out;
    }
    if (wanted.representation && WRITES.has(method) && !view.hasBody('response')) {
      const data = { method, preference: 'return=representation', evidence: 'an empty body' };
      if (appliedRepresentation) out.push({ messageId: 'applied-not-honoured', severity: 'warning', data, location });
      else out.push({ messageId: 'ignored', data, location, fix: 'Nothing is wrong: preferences are optional. GET the object (and its ETag) when you need its stored form.' });
      return out;
    }
    if ((method !== 'PROPFIND' && method !== 'REPORT') || status !== 207) return out;
    const entries = view.multistatus;
    if (!entries) return out;

    if (wanted.minimal) {
      const with404 = entries.filter((e) => e.propstats.some((ps) => ps.status === 404)).length;
      if (with404 > 0) {
        const data = { method, preference: minimalName, evidence: `404 propstats for ${with404} href(s)` };
        if (appliedMinimal) out.push({ messageId: 'applied-not-honoured', severity: 'warning', data, location });
        else out.push({ messageId: 'ignored', data, location });
      }
    }
    if (wanted.noroot && view.depth === '1') {
      const self = entries.some((e) => e.href !== '' && resourceKey(e.href) === view.key);
      if (self) {
        const data = { method, preference: 'depth-noroot', evidence: 'a response for the request-URI itself' };
        if (appliedNoroot) out.push({ messageId: 'applied-not-honoured', severity: 'warning', data, location });
        else out.push({ messageId: 'ignored', data, location });
      }
    }
    return out;
  },
});
