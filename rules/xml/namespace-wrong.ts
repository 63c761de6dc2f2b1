// Flags near-miss namespace URIs and DAV/CalDAV element names put in the other namespace (RFC 4918 §8.2, RFC 4791 §1.2).
import { defineRule, type Report } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { NS, clark } from '../parse/xml/namespaces.ts';
import type { XmlElement } from '../parse/xml/tree.ts';
import type { Side } from '../engine/view.ts';

const KNOWN = new Set<string>(Object.values(NS));
const NEAR: [RegExp, string][] = [
  [/^dav:?\/?$/i, NS.DAV],
  [/^urn:ietf:params:xml:ns:caldav.+$|^urn:ietf:params:xml:ns:caldav$/i, NS.CALDAV],
  [/^urn:ietf:params:xml:ns:carddav.+$|^urn:ietf:params:xml:ns:carddav$/i, NS.CARDDAV],
  [/^https?:\/\/calendarserver\.org\/ns\/?.*$/i, NS.CS],
];
const CALDAV_ONLY = new Set(['calendar-query', 'calendar-multiget', 'calendar-data', 'filter', 'comp-filter', 'prop-filter', 'time-range', 'calendar-home-set', 'supported-calendar-component-set', 'free-busy-query']);
const DAV_ONLY = new Set(['propfind', 'href', 'set', 'remove', 'propertyupdate', 'sync-collection', 'multistatus', 'response', 'propstat', 'status', 'getetag', 'resourcetype', 'displayname']);

/** The Clark names that misplaced() can report on. */
const SUSPECT = new Set<string>([
  ...[...DAV_ONLY, ...CALDAV_ONLY],
  ...[...CALDAV_ONLY].flatMap((l) => [clark(NS.DAV, l), clark(NS.CARDDAV, l)]),
  ...[...DAV_ONLY].map((l) => clark(NS.CALDAV, l)),
]);

/** Reports elements in no namespace or the other one, in document order, at most 3 per body (counted in `reported`, returned). */
function misplaced(el: XmlElement, parent: XmlElement | undefined, side: Side, out: Report<'near-miss' | 'swapped' | 'no-namespace'>[], reported: number): number {
  if (reported >= 3) return reported;
  if (SUSPECT.has(el.name)) {
    const inCalendarData = parent !== undefined && parent.ns === NS.CALDAV;
    if (el.ns === '' && (DAV_ONLY.has(el.local) || CALDAV_ONLY.has(el.local))) {
      out.push({ messageId: 'no-namespace', data: { side, local: el.local }, location: { side, xmlElement: el.name } });
      reported++;
    } else if ((el.ns === NS.DAV || el.ns === NS.CARDDAV) && CALDAV_ONLY.has(el.local) && !(el.ns === NS.CARDDAV && el.local === 'filter')) {
      out.push({ messageId: 'swapped', data: { side, local: el.local, ns: el.ns, meant: NS.CALDAV }, location: { side, xmlElement: el.name } });
      reported++;
    } else if (el.ns === NS.CALDAV && DAV_ONLY.has(el.local) && !inCalendarData) {
      out.push({ messageId: 'swapped', data: { side, local: el.local, ns: el.ns, meant: NS.DAV }, location: { side, xmlElement: el.name } });
      reported++;
    }
  }
  for (const c of el.children) {
    if (reported >= 3) break;
    if (c.kind === 'element') reported = misplaced(c, el, side, out, reported);
  }
  return reported;
}

export default defineRule({
  id: 'xml/namespace-wrong',
  severity: 'error',
  party: 'by-side',
  judgesKeptPart: true,
  docs: {
    summary: 'WebDAV and CalDAV elements must be in exactly the right namespace URI; near-misses and swapped namespaces are not understood.',
    specs: [rfc(4918, '8.2'), rfc(4918, '17'), rfc(4791, '1.2')],
    details:
      'Servers match on namespace URIs, not prefixes. "DAV" without its colon, a trailing slash on the CalDAV URN, or a stray colon after ' +
      'the CalendarServer namespace make every element unknown, so the server ignores or rejects the body. CalDAV element names placed in ' +
      'DAV: (or the other way round) are different elements altogether. Unprefixed elements with no default namespace are in no namespace. ' +
      'Seen in python-caldav/caldav#41 (xmlns:D="DAV"), smarcet/CalDAVClient PR #5 and cyrusimap/cyrus-imapd#2064.',
  },
  messages: {
    'near-miss': { message: '{side} body declares namespace "{uri}", probably meant "{meant}"', fix: 'Declare exactly "{meant}".' },
    swapped: { message: '{side} body has {local} in namespace "{ns}"; it belongs to "{meant}"', fix: 'Put {local} in the "{meant}" namespace.' },
    'no-namespace': { message: '{side} body has <{local}> in no namespace (no default namespace declared)', fix: 'Declare xmlns="DAV:" (or a prefix) so the element is in the right namespace.' },
  },
  check(view) {
    const out: Report<'near-miss' | 'swapped' | 'no-namespace'>[] = [];
    for (const side of ['request', 'response'] as Side[]) {
      const r = view.xml(side);
      if (!r?.ok) continue;
      for (const uri of r.doc.declaredNamespaces) {
        if (KNOWN.has(uri)) continue;
        const hit = NEAR.find(([re]) => re.test(uri));
        if (hit) out.push({ messageId: 'near-miss', data: { side, uri, meant: hit[1] }, location: { side } });
      }
      misplaced(r.doc.root, undefined, side, out, 0);
    }
    return out;
  },
});
