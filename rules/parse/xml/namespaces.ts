// Namespace URIs met in CalDAV traffic and Clark-notation helpers, so rules match on URIs, never prefixes.

export const NS = {
  DAV: 'DAV:',
  CALDAV: 'urn:ietf:params:xml:ns:caldav',
  CARDDAV: 'urn:ietf:params:xml:ns:carddav',
  CS: 'http://calendarserver.org/ns/',
  ICAL: 'http://apple.com/ns/ical/',
  SABRE: 'http://sabredav.org/ns',
  OC: 'http://owncloud.org/ns',
  NC: 'http://nextcloud.org/ns',
  XML: 'http://www.w3.org/XML/1998/namespace',
  XMLNS: 'http://www.w3.org/2000/xmlns/',
} as const;

/** "{ns}local", or just "local" for a name in no namespace. */
export function clark(ns: string, local: string): string {
  return ns === '' ? local : `{${ns}}${local}`;
}

// Rules name elements with these in every check: each name is made once and kept, instead of
// being concatenated again (a fresh string to compare) thousands of times a second.
const davNames = new Map<string, string>();
const caldavNames = new Map<string, string>();
function cached(table: Map<string, string>, prefix: string, local: string): string {
  let name = table.get(local);
  if (name === undefined) {
    name = prefix + local;
    // Locals come from code, so the tables stay small; the bound is a guard, not a policy.
    if (table.size < 1024) table.set(local, name);
  }
  return name;
}

export const dav = (local: string): string => cached(davNames, '{DAV:}', local);
const CALDAV_PREFIX = `{${NS.CALDAV}}`;
export const caldav = (local: string): string => cached(caldavNames, CALDAV_PREFIX, local);

/** Splits a Clark name into namespace and local name (namespace '' when none). */
export function splitClark(name: string): { ns: string; local: string } {
  if (name.startsWith('{')) {
    const end = name.indexOf('}');
    if (end > 0) return { ns: name.slice(1, end), local: name.slice(end + 1) };
  }
  return { ns: '', local: name };
}
