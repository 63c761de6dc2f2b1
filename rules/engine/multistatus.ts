// What the view reads from WebDAV response bodies: multistatus entries, their propstats, and the
// preconditions and postconditions of D:error elements (RFC 4918 §13, §14.5, §16). The readers walk
// each element's children once with hoisted Clark names: they run for every entry of every 207.
import type { XmlElement } from '../parse/xml/tree.ts';
import { child, childElements, textOf } from '../parse/xml/query.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';

export interface Propstat {
  readonly status?: number;
  readonly statusLine?: string;
  /** Clark names of the properties in D:prop. */
  readonly props: readonly string[];
  readonly prop?: XmlElement;
  /** Clark names of the children of D:error. */
  readonly errors: readonly string[];
  readonly responsedescription?: string;
}

export interface MultistatusEntry {
  /** First D:href, trimmed, as sent. */
  readonly href: string;
  readonly hrefs: readonly string[];
  readonly status?: number;
  readonly statusLine?: string;
  readonly propstats: readonly Propstat[];
  readonly errors: readonly string[];
  readonly responsedescription?: string;
  readonly location?: string;
  readonly element: XmlElement;
}

export interface DavCondition {
  /** Clark name of the precondition or postcondition element. */
  readonly name: string;
  readonly element: XmlElement;
  /** A top-level D:error body, or a D:error inside a multistatus response or propstat. */
  readonly where: 'body' | 'response' | 'propstat';
  readonly href?: string;
  readonly status?: number;
  /** D:responsedescription or free text inside the D:error (Cyrus and Apple CalendarServer add one). */
  readonly description?: string;
}

const STATUS_LINE = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})/i;
const BARE_STATUS = /^\s*(\d{3})\b/;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** "HTTP/1.1 404 Not Found" -> 404 */
export function statusOf(line: string | undefined): number | undefined {
  if (line === undefined) return undefined;
  // The form nearly every server writes, read without a regex match object (what the first regex says of it).
  if (line.startsWith('HTTP/1.1 ') && isDigit(line.charCodeAt(9)) && isDigit(line.charCodeAt(10)) && isDigit(line.charCodeAt(11)))
    return (line.charCodeAt(9) - 48) * 100 + (line.charCodeAt(10) - 48) * 10 + (line.charCodeAt(11) - 48);
  const m = STATUS_LINE.exec(line) ?? BARE_STATUS.exec(line);
  return m ? Number(m[1]) : undefined;
}

const DIAGNOSTIC_ERROR_CHILDREN = new Set([dav('responsedescription')]);

export function conditionsOf(errorEl: XmlElement | undefined): XmlElement[] {
  if (!errorEl) return [];
  return childElements(errorEl).filter((e) => !DIAGNOSTIC_ERROR_CHILDREN.has(e.name));
}

export function errorDescription(errorEl: XmlElement | undefined): string | undefined {
  if (!errorEl) return undefined;
  const parts = [textOf(child(errorEl, D_RESPONSEDESCRIPTION)).trim()];
  for (const c of errorEl.children) if (c.kind === 'text' && c.text.trim()) parts.push(c.text.trim());
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/** Clark names of the condition children of a D:error (a shared empty list when there is none). */
function conditionNames(errorEl: XmlElement | undefined): readonly string[] {
  if (!errorEl) return NO_NAMES;
  const names = conditionsOf(errorEl).map((e) => e.name);
  return names.length === 0 ? NO_NAMES : names;
}

function elementNames(el: XmlElement): string[] {
  const out: string[] = [];
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.kind === 'element') out.push(c.name);
  }
  return out;
}

// Clark names read for every entry of every multistatus: made once here, not looked up per element.
export const D_STATUS = dav('status');
const D_PROP = dav('prop');
export const D_RESPONSEDESCRIPTION = dav('responsedescription');
export const D_ERROR = dav('error');
const D_HREF = dav('href');
const D_LOCATION = dav('location');
export const D_PROPSTAT = dav('propstat');
export const D_RESPONSE = dav('response');
export const D_MULTISTATUS = dav('multistatus');
export const D_MKCOL_RESPONSE = dav('mkcol-response');
export const C_MKCALENDAR_RESPONSE = caldav('mkcalendar-response');
export const D_SYNC_TOKEN = dav('sync-token');

/** The trimmed text of an element, or undefined without one. */
const trimmedText = (el: XmlElement | undefined): string | undefined => (el ? textOf(el).trim() : undefined);

export function readPropstat(ps: XmlElement): Propstat {
  // One pass over the children, keeping the first of each name (as child() would find it).
  let statusEl: XmlElement | undefined;
  let prop: XmlElement | undefined;
  let desc: XmlElement | undefined;
  let error: XmlElement | undefined;
  const children = ps.children;
  for (let k = 0; k < children.length; k++) {
    const c = children[k]!;
    if (c.kind !== 'element') continue;
    const name = c.name;
    if (name === D_STATUS) statusEl ??= c;
    else if (name === D_PROP) prop ??= c;
    else if (name === D_RESPONSEDESCRIPTION) desc ??= c;
    else if (name === D_ERROR) error ??= c;
  }
  const statusLine = trimmedText(statusEl);
  return {
    status: statusOf(statusLine),
    statusLine,
    props: prop ? elementNames(prop) : NO_NAMES,
    prop,
    errors: conditionNames(error),
    responsedescription: trimmedText(desc),
  };
}

export function readResponse(r: XmlElement): MultistatusEntry {
  // One pass over the children, keeping every D:href and D:propstat and the first of the others.
  const hrefs: string[] = [];
  const propstats: Propstat[] = [];
  let statusEl: XmlElement | undefined;
  let desc: XmlElement | undefined;
  let location: XmlElement | undefined;
  let error: XmlElement | undefined;
  const children = r.children;
  for (let k = 0; k < children.length; k++) {
    const c = children[k]!;
    if (c.kind !== 'element') continue;
    const name = c.name;
    if (name === D_HREF) hrefs.push(textOf(c).trim());
    else if (name === D_PROPSTAT) propstats.push(readPropstat(c));
    else if (name === D_STATUS) statusEl ??= c;
    else if (name === D_RESPONSEDESCRIPTION) desc ??= c;
    else if (name === D_LOCATION) location ??= c;
    else if (name === D_ERROR) error ??= c;
  }
  const statusLine = trimmedText(statusEl);
  return {
    href: hrefs[0] ?? '',
    hrefs,
    status: statusOf(statusLine),
    statusLine,
    propstats,
    errors: conditionNames(error),
    responsedescription: trimmedText(desc),
    location: trimmedText(child(location, D_HREF)),
    element: r,
  };
}
