// What a server showed it can do, read from the exchanges of an interop run (the session's and the
// discovery probes'): DAV classes, Allow, supported reports and components, scheduling, the most
// a resource may hold, /.well-known/caldav, whether If-None-Match: * is honoured. Pure; "unknown"
// wherever nothing said.
import type { Exchange } from '../model/exchange.ts';
import { getHeader, getHeaderList } from '../model/headers.ts';
import { viewOf } from '../engine/view.ts';
import { isSuccess } from '../lib/checks.ts';
import type { XmlElement } from '../parse/xml/tree.ts';
import { caldav, dav } from '../parse/xml/namespaces.ts';
import { attr, child, childElements, textOf } from '../parse/xml/query.ts';
import { prefixedName } from '../decode/preconditions.ts';

const UNKNOWN = 'unknown';

export interface Capabilities {
  readonly davClasses: string;
  readonly allow: string;
  readonly supportedReports: string;
  readonly components: string;
  readonly scheduling: string;
  readonly maxResourceSize: string;
  readonly wellKnown: string;
  readonly ifNoneMatchStar: string;
  readonly syncCollection: string;
}

export const CAPABILITY_LABELS: Readonly<Record<keyof Capabilities, string>> = {
  davClasses: 'DAV compliance classes',
  allow: 'Allow',
  supportedReports: 'supported-report-set',
  components: 'supported-calendar-component-set',
  scheduling: 'scheduling (RFC 6638)',
  maxResourceSize: 'max-resource-size',
  wellKnown: '/.well-known/caldav',
  ifNoneMatchStar: 'If-None-Match: * on an existing href',
  syncCollection: 'sync-collection',
};

const ok = (ex: Exchange): boolean => isSuccess(ex.response?.status);

/** The first propstat, over every multistatus of the exchanges, that holds `prop`: its element and status. */
function propFound(exchanges: readonly Exchange[], prop: string, wanted: (status: number) => boolean): { el: XmlElement; status: number } | undefined {
  for (const ex of exchanges) {
    for (const entry of viewOf(ex).multistatus ?? []) {
      for (const ps of entry.propstats) {
        const el = ps.prop && child(ps.prop, prop);
        if (el && wanted(ps.status ?? 200)) return { el, status: ps.status ?? 200 };
      }
    }
  }
  return undefined;
}

/** The property's value as `item` lists it, from the first 200 propstat holding it. */
function propValues(exchanges: readonly Exchange[], prop: string, item: (el: XmlElement) => string[]): string | undefined {
  const found = propFound(exchanges, prop, (s) => s === 200);
  return found && (item(found.el).sort().join(', ') || '(empty)');
}

/** A property some PROPFIND asked for but no 2xx propstat held: the status it came back with. */
function propRefused(exchanges: readonly Exchange[], prop: string): number | undefined {
  return propFound(exchanges, prop, (s) => s >= 300)?.status;
}

/** RFC 6638 §2: a server that schedules says calendar-auto-schedule in DAV; principals carry schedule-inbox-URL. */
function scheduling(classes: readonly string[] | undefined, all: readonly Exchange[]): string {
  const inbox = propValues(all, caldav('schedule-inbox-URL'), (el) => childElements(el, dav('href')).map((h) => textOf(h).trim()));
  if (classes?.includes('calendar-auto-schedule')) return `calendar-auto-schedule${inbox ? `, inbox ${inbox}` : ''}`;
  // Xandikos says calendar-auto-scheduling: announced, under a name clients looking for the RFC's miss.
  const near = classes?.find((c) => /^calendar-(auto-)?schedul/i.test(c));
  if (near) return `${near} (RFC 6638 names it calendar-auto-schedule)${inbox ? `, inbox ${inbox}` : ''}`;
  if (inbox) return `inbox ${inbox} (calendar-auto-schedule not announced)`;
  return classes ? 'not announced' : UNKNOWN;
}

function ifNoneMatchStar(session: readonly Exchange[]): string {
  const written = new Set<string>();
  let onNew = false;
  for (const ex of session) {
    const method = ex.request.method.toUpperCase();
    const path = viewOf(ex).rawPath;
    const star = getHeader(ex.request.headers, 'if-none-match')?.trim() === '*';
    if (method === 'PUT' && star && ex.response) {
      if (ex.response.status === 412) return 'honoured (412)';
      if (written.has(path)) return ok(ex) ? `ignored (${ex.response.status}: overwrote)` : `refused with ${ex.response.status}`;
      onNew = true;
    }
    if (method === 'PUT' && ok(ex)) written.add(path);
    if (method === 'DELETE' && ok(ex)) written.delete(path);
  }
  return onNew ? `${UNKNOWN} (only seen on new hrefs)` : `${UNKNOWN} (not seen)`;
}

/** Capabilities from `session` (this server's answers to the recording) and `probes` (discovery requests sent to it). */
export function capabilitiesOf(session: readonly Exchange[], probes: readonly Exchange[] = []): Capabilities {
  const all = [...probes, ...session];
  const options = all.find((ex) => ex.request.method.toUpperCase() === 'OPTIONS' && ex.response && ok(ex));
  // Every line of each header: DAViCal sends its DAV classes on two DAV lines.
  const listed = (name: string) => (options && getHeader(options.response!.headers, name) !== undefined ? getHeaderList(options.response!.headers, name).join(', ') : undefined);
  const davClasses = listed('dav');
  const allow = listed('allow');
  let unwrapped = false;
  // RFC 3253 §3.1.5 wraps each report in DAV:report; some servers (Xandikos) leave the wrapper out.
  const reports = propValues(all, dav('supported-report-set'), (el) =>
    childElements(el, dav('supported-report')).flatMap((sr) => {
      const report = child(sr, dav('report'));
      if (!report) unwrapped = true;
      return childElements(report ?? sr).map((c) => prefixedName(c.name));
    }),
  );
  const comps = propValues(all, caldav('supported-calendar-component-set'), (el) => childElements(el, caldav('comp')).map((c) => attr(c, 'name') ?? '?'));
  const classes = davClasses?.split(', ').filter(Boolean);
  const maxSize = propValues(all, caldav('max-resource-size'), (el) => [textOf(el).trim() ? `${textOf(el).trim()} bytes` : '(empty)']);
  const maxRefused = maxSize === undefined ? propRefused(all, caldav('max-resource-size')) : undefined;
  const wk = all.find((ex) => viewOf(ex).rawPath.replace(/\/$/, '') === '/.well-known/caldav' && ex.response);
  const wellKnown = wk
    ? `${wk.request.method} → ${wk.response!.status}${getHeader(wk.response!.headers, 'location') ? ` → ${getHeader(wk.response!.headers, 'location')}` : ''}`
    : UNKNOWN;
  const syncs = session.filter((ex) => viewOf(ex).requestSyncToken !== undefined && ex.response);
  const syncCollection = syncs.length ? (syncs.some((ex) => ex.response!.status === 207 && viewOf(ex).responseSyncToken) ? 'answered with tokens' : `refused (${[...new Set(syncs.map((ex) => ex.response!.status))].join(', ')})`) : `${UNKNOWN} (not seen)`;
  return {
    davClasses: davClasses ?? UNKNOWN,
    allow: allow ?? UNKNOWN,
    supportedReports: reports ? reports + (unwrapped ? ' (without the DAV:report wrapper)' : '') : UNKNOWN,
    components: comps ?? UNKNOWN,
    scheduling: scheduling(classes, all),
    maxResourceSize: maxSize ?? (maxRefused !== undefined ? `not announced (${maxRefused})` : UNKNOWN),
    wellKnown,
    ifNoneMatchStar: ifNoneMatchStar(session),
    syncCollection,
  };
}
