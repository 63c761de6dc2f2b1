// Decoding table for the precondition/postcondition elements servers put in a DAV:error body
// (the tables of RFC 4918 §16, RFC 4791, RFC 6578, RFC 3744, RFC 5689 and RFC 6638): what each one means in plain words and what the client should change.
import type { Severity, SpecRef } from '../model/exchange.ts';
import { rfc } from '../model/spec.ts';
import { NS, clark, splitClark } from '../parse/xml/namespaces.ts';

/** What davscope knows about one DAV:error child element. */
export interface PreconditionInfo {
  /** Prefix form of the element name, e.g. "DAV:resource-must-be-null" or "CALDAV:valid-calendar-data". */
  readonly name: string;
  /** Where the element is defined or documented; RFCs first, then implementation references. */
  readonly specs: readonly SpecRef[];
  /** What the server refused, in plain words. */
  readonly meaning: string;
  /** What the client should change in its request. */
  readonly fix: string;
  /**
   * Only present when this element is rated differently from the generic decode rule
   * (webdav/precondition-error, severity "info"). Absent means "info".
   */
  readonly severity?: Severity;
}

/** What an `S:exception` class name sent by sabre/dav stands for (its Sabre\DAV\Exception classes). */
export interface SabreExceptionInfo {
  /** The HTTP status sabre sends with this exception. */
  readonly status: number;
  /** Clark names of the standard elements this exception corresponds to (may be empty). */
  readonly elements: readonly string[];
  /** How to read the error. */
  readonly readAs: string;
}

// Namespace URI -> prefix ("DAV", "CALDAV" and "SABRE" are the long forms davscope shows).
const PREFIXES: ReadonlyMap<string, string> = new Map([
  [NS.DAV, 'DAV'],
  [NS.CALDAV, 'CALDAV'],
  [NS.CARDDAV, 'CARD'],
  [NS.CS, 'CS'],
  [NS.ICAL, 'ICAL'],
  [NS.SABRE, 'SABRE'],
  [NS.OC, 'OC'],
  [NS.NC, 'NC'],
]);

const D = (local: string): string => clark(NS.DAV, local);
const C = (local: string): string => clark(NS.CALDAV, local);
const CARD = (local: string): string => clark(NS.CARDDAV, local);
const CS = (local: string): string => clark(NS.CS, local);
const S = (local: string): string => clark(NS.SABRE, local);

// Non-RFC references: implementation sources and test scripts that show an element in use.
const cdt = (file: string): SpecRef => ({
  spec: `Apple CalDAVTester ${file}`,
  url: `https://github.com/apple/ccs-caldavtester/blob/master/scripts/tests/CalDAV/${file}`,
});
const ccs = (path: string): SpecRef => ({
  spec: `Apple CalendarServer ${path.slice(path.lastIndexOf('/') + 1)}`,
  url: `https://github.com/apple/ccs-calendarserver/blob/master/${path}`,
});
const sabre = (path: string): SpecRef => ({
  spec: `sabre/dav ${path.replace(/^lib\//, '').replace(/\.php$/, '')}`,
  url: `https://github.com/sabre-io/dav/blob/master/${path}`,
});

type Entry = Omit<PreconditionInfo, 'name'>;

const CARD_IN_CALDAV =
  'In a CalDAV session this means the request reached an address book (CardDAV) URL instead of a calendar.';
const CARD_FIX =
  'Fix the collection URL: store and query calendar data in a calendar under CALDAV:calendar-home-set, ' +
  'not in an address book under CARD:addressbook-home-set.';

const ENTRIES: readonly (readonly [clark: string, entry: Entry])[] = [
  // ---------------------------------------------------------------- A.1 RFC 4918 (DAV:)
  [D('lock-token-matches-request-uri'), {
    specs: [rfc(4918, '16'), rfc(4918, '9.11.1'), sabre('lib/DAV/Exception/LockTokenMatchesRequestUri.php')],
    meaning:
      'UNLOCK refused: the token in the Lock-Token header does not belong to a lock that covers the request URL. ' +
      'The URL may be wrong (neither the lock root nor inside it), the lock may have expired, or the token is bogus.',
    fix:
      'Re-read DAV:lockdiscovery on the resource and UNLOCK the lock root with the current token. ' +
      'If no lock is listed any more, skip the UNLOCK.',
  }],
  [D('lock-token-submitted'), {
    specs: [rfc(4918, '16'), rfc(4918, '9.8.5'), rfc(4918, '9.9.4'), sabre('lib/DAV/Exception/Locked.php')],
    meaning:
      'A resource the request would change is locked and the request did not present the lock token (usually 423 Locked). ' +
      'The DAV:href children name the locked resource(s); for COPY/MOVE it can be the destination.',
    fix:
      'Send the lock token in an If: header, or wait for the lock to expire. CalDAV clients rarely lock, so a lock ' +
      'left behind by another WebDAV tool is the usual cause: look at DAV:lockdiscovery on the named href.',
  }],
  [D('no-conflicting-lock'), {
    specs: [rfc(4918, '16'), sabre('lib/DAV/Exception/ConflictingLock.php')],
    meaning:
      'LOCK refused: an incompatible lock already exists, perhaps inherited from a parent collection. ' +
      'The optional DAV:href names the root of that lock.',
    fix: 'Do not lock. If you must, wait until the other lock expires, or inspect DAV:lockdiscovery at the named href.',
  }],
  [D('no-external-entities'), {
    specs: [rfc(4918, '16'), rfc(4918, '20.6')],
    meaning: 'The XML request body declared a DOCTYPE or an external entity, which the server refuses to process.',
    fix: 'Send plain XML without a <!DOCTYPE> or entity declarations; escape special characters or use CDATA.',
  }],
  [D('preserved-live-properties'), {
    specs: [rfc(4918, '16'), rfc(4918, '9.9.4')],
    meaning:
      'COPY/MOVE refused: the request itself was valid, but the server cannot keep the live (server-maintained) ' +
      'properties working the same way at the destination. Typical case: copying or moving across stores or calendar homes.',
    fix:
      'Copy with GET + PUT (and PROPPATCH any dead properties) instead, or keep the COPY/MOVE inside one calendar home.',
  }],
  [D('propfind-finite-depth'), {
    specs: [rfc(4918, '16'), rfc(4918, '9.1'), cdt('propfind.xml')],
    meaning:
      'The server will not answer PROPFIND with Depth: infinity. A PROPFIND without a Depth header counts as infinity, ' +
      'so a missing header triggers this too (Apple CalendarServer does; sabre treats a missing Depth as 1).',
    fix: 'Always send Depth: 0 or Depth: 1 with PROPFIND and walk the collection tree yourself.',
  }],
  [D('cannot-modify-protected-property'), {
    specs: [rfc(4918, '16'), rfc(4918, '9.2.1'), rfc(4791, '5.2.3')],
    meaning:
      'The request tried to set or remove a property the server controls, such as DAV:getetag, DAV:resourcetype, ' +
      'CS:getctag, DAV:sync-token, DAV:current-user-privilege-set, or CALDAV:supported-calendar-component-set after creation. ' +
      'In a PROPPATCH 207 this property carries 403 and all the others 424: PROPPATCH is all-or-nothing, so nothing changed. ' +
      'Also seen in the set part of MKCALENDAR and extended MKCOL (the collection is then not created).',
    fix:
      'Drop that property from the request and resend the rest. The component set of a calendar can only be chosen ' +
      'when the calendar is created.',
  }],

  // ---------------------------------------------------------------- A.2 RFC 3253 (DAV:)
  [D('supported-report'), {
    specs: [rfc(3253, '3.6'), rfc(6578, '3.2'), rfc(6578, '3.3'), sabre('lib/DAV/Exception/ReportNotSupported.php')],
    meaning:
      'The target does not implement the REPORT that was sent, e.g. calendar-query sent to a principal URL or to the ' +
      'calendar home, or sync-collection to a server without RFC 6578. sabre (Nextcloud, Baïkal) sends it with 415, ' +
      'Radicale with 403. Inside a per-child 403 of an infinite-depth sync-collection it means that child cannot be synchronised.',
    fix:
      'Read DAV:supported-report-set on the target first and send calendar reports to calendar collections. ' +
      'Without sync-collection, fall back to PROPFIND (DAV:getetag) plus calendar-multiget.',
  }],
  [D('resource-must-be-null'), {
    specs: [rfc(3253, '6.3'), rfc(4791, '5.3.1'), cdt('mkcalendar.xml')],
    meaning:
      'MKCALENDAR (or extended MKCOL) refused: something already exists at the URL you tried to create. ' +
      'Apple CalendarServer answers 403, Radicale 409; sabre answers 405 without this element.',
    fix:
      'Pick a fresh URL (for example a new UUID followed by "/") in the calendar home; do not retry the same URL. ' +
      'To change an existing calendar, PROPPATCH it instead.',
  }],

  // ---------------------------------------------------------------- RFC 4331 quota (DAV:)
  [D('quota-not-exceeded'), {
    specs: [rfc(4331, '6')],
    meaning:
      'The account (or the collection) is over its quota: the server refused to store what was sent, usually with 507 ' +
      'Insufficient Storage. DAV:quota-available-bytes on the collection tells how much room is left.',
    fix: 'Tell the user the account is full and keep the change locally; do not retry in a loop. Free space, then try again.',
  }],
  [D('sufficient-disk-space'), {
    specs: [rfc(4331, '6')],
    meaning: 'The server ran out of disk space (not the user\'s quota): it could not store what was sent, usually with 507.',
    fix: 'Keep the change locally and retry later; the server\'s administrator has to free space.',
  }],

  // ---------------------------------------------------------------- A.3 RFC 3744 ACL (DAV:)
  [D('need-privileges'), {
    specs: [rfc(3744, '7.1.1'), rfc(3744, '5.4'), rfc(4791, '6.1.1'), rfc(6638, '6'), sabre('lib/DAVACL/Exception/NeedPrivileges.php')],
    meaning:
      'Access denied: the user lacks a privilege; each DAV:resource child pairs a DAV:href with the missing DAV:privilege. ' +
      'bind on the parent = creating an object or calendar, or a COPY/MOVE destination; unbind on the parent = DELETE or ' +
      'MOVE source; write-content = PUT to an existing object; write-properties = PROPPATCH; read = GET/PROPFIND/REPORT; ' +
      'read-acl/write-acl = ACL; CALDAV:read-free-busy = free-busy-query; CALDAV:schedule-send/-deliver = outbox POST or ' +
      'delivery. Some servers (Nextcloud on read-only shares) answer 404 instead to hide the resource.',
    fix:
      'Write only where DAV:current-user-privilege-set allows it and show shared read-only calendars as read-only. ' +
      'Check that you are logged in as the intended user.',
  }],
  [D('needs-privilege'), {
    specs: [rfc(4791, '5.3.1'), rfc(3744, '7.1.1')],
    meaning:
      'RFC 4791 spelling of DAV:need-privileges (used in its MKCALENDAR section): the DAV:bind privilege is missing ' +
      'on the parent collection, so you may not create a calendar there. Same meaning as DAV:need-privileges.',
    fix:
      'Create calendars only inside your own calendar home (CALDAV:calendar-home-set), or where ' +
      'DAV:current-user-privilege-set on the parent includes bind.',
  }],
  [D('no-ace-conflict'), {
    specs: [rfc(3744, '8.1.1')],
    meaning:
      'ACL refused: the submitted ACEs conflict with each other. Servers also use this as the catch-all for their own ACL rules.',
    fix: 'Simplify the ACL and respect the rules listed in DAV:acl-restrictions.',
  }],
  [D('no-protected-ace-conflict'), {
    specs: [rfc(3744, '8.1.1')],
    meaning:
      'ACL refused: a submitted ACE contradicts a protected ACE, for example denying a right the owner is always granted.',
    fix: 'Leave protected ACEs (marked DAV:protected in DAV:acl) alone and do not contradict them.',
  }],
  [D('no-inherited-ace-conflict'), {
    specs: [rfc(3744, '8.1.1')],
    meaning: 'ACL refused: a submitted ACE contradicts an ACE inherited from a parent.',
    fix: 'Change the ACL on the parent the ACE is inherited from (DAV:inherited names it) instead.',
  }],
  [D('limited-number-of-aces'), {
    specs: [rfc(3744, '8.1.1')],
    meaning: 'ACL refused: it holds more ACEs than the resource allows.',
    fix: 'Use fewer ACEs, for example by granting to a group principal instead of to many users.',
  }],
  [D('deny-before-grant'), {
    specs: [rfc(3744, '8.1.1'), rfc(3744, '5.6')],
    meaning: 'ACL refused: a non-inherited deny ACE comes after a grant ACE, and this server requires deny ACEs first.',
    fix: 'Put all deny ACEs before the grant ACEs.',
  }],
  [D('grant-only'), {
    specs: [rfc(3744, '8.1.1'), rfc(3744, '5.6.1')],
    meaning: 'ACL refused: the resource accepts grant ACEs only, and the request contained a deny ACE.',
    fix: 'Remove the deny ACEs.',
  }],
  [D('no-invert'), {
    specs: [rfc(3744, '8.1.1'), rfc(3744, '5.6.2')],
    meaning: 'ACL refused: DAV:invert is not allowed on this resource.',
    fix: 'Remove DAV:invert and name the principals explicitly.',
  }],
  [D('no-abstract'), {
    specs: [rfc(3744, '8.1.1'), sabre('lib/DAVACL/Exception/NoAbstract.php')],
    meaning:
      'ACL refused: it grants or denies an abstract privilege (one marked DAV:abstract in DAV:supported-privilege-set). ' +
      'sabre sends this with 412.',
    fix: 'Use only concrete privileges from DAV:supported-privilege-set.',
  }],
  [D('not-supported-privilege'), {
    specs: [rfc(3744, '8.1.1'), sabre('lib/DAVACL/Exception/NotSupportedPrivilege.php')],
    meaning: 'ACL refused: it names a privilege the resource does not support. sabre sends this with 412.',
    fix: 'Use only privileges listed in DAV:supported-privilege-set.',
  }],
  [D('missing-required-principal'), {
    specs: [rfc(3744, '8.1.1'), rfc(3744, '5.6')],
    meaning:
      'ACL refused: a principal that must always have an ACE (DAV:required-principal in DAV:acl-restrictions) ' +
      'would be left without one.',
    fix: 'Keep an ACE for each required principal.',
  }],
  [D('recognized-principal'), {
    specs: [rfc(3744, '8.1.1'), sabre('lib/DAVACL/Exception/NotRecognizedPrincipal.php'), cdt('acl.xml')],
    meaning:
      'A principal URL in the request is not a principal this server knows. sabre sends this with 412; ' +
      'Apple CalendarServer also uses it for principal searches and proxy settings.',
    fix: 'Use hrefs taken from DAV:principal-URL or found under DAV:principal-collection-set.',
  }],
  [D('allowed-principal'), {
    specs: [rfc(3744, '8.1.1')],
    meaning:
      'ACL refused: the principal is not allowed in ACEs here, for example DAV:all or DAV:unauthenticated on a ' +
      'server that requires login.',
    fix: 'Grant to authenticated principals or to groups instead.',
  }],
  [D('number-of-matches-within-limits'), {
    specs: [
      rfc(3744, '9.2'), rfc(3744, '9.4'), rfc(4791, '7.8'), rfc(4791, '7.10'), rfc(6578, '3.6'), rfc(6578, '3.7'),
      sabre('lib/DAV/Exception/TooManyMatches.php'),
    ],
    meaning:
      'The result is bigger than the server is willing to return. For principal searches, calendar-query and ' +
      'free-busy-query it usually comes with 403 (sabre TooManyMatches). For sync-collection it comes with 507 in one of ' +
      'two forms: a DAV:response for the request-URI itself inside the 207 (the results are truncated and the returned ' +
      'DAV:sync-token covers only what was sent), or the whole request answered 507 because the server will not honour ' +
      'the DAV:limit (Nextcloud on an initial sync).',
    fix:
      'Narrow the query (smaller time-range, stricter filter or search). For a truncated sync, repeat sync-collection with ' +
      'the new token until no 507 comes back; if the whole request was refused, retry without DAV:limit or with a larger one.',
  }],

  // ---------------------------------------------------------------- A.4 RFC 4791 CalDAV
  [C('calendar-collection-location-ok'), {
    specs: [rfc(4791, '5.3.1'), rfc(4791, '5.3.2.1'), rfc(4791, '4.2'), cdt('mkcalendar.xml')],
    meaning:
      'A calendar cannot live at that URL: MKCALENDAR there, or COPY/MOVE of a calendar collection to that destination, ' +
      'was refused. Causes: inside another calendar (calendars may not nest), under a non-collection, outside the ' +
      'calendar home, or under a missing parent. Apple CalendarServer answers 409 when the parent is not a collection.',
    fix: 'Create calendars directly under a CALDAV:calendar-home-set URL, with a trailing slash, never inside another calendar.',
  }],
  [C('valid-calendar-data'), {
    specs: [
      rfc(4791, '5.3.2.1'), rfc(4791, '5.2.2'), rfc(4791, '5.3.1'), rfc(4791, '7.8'), rfc(4791, '9.8'), cdt('errors.xml'),
    ],
    meaning:
      'iCalendar data in the request is not valid. On PUT/COPY/MOVE (and outbox POST): the body does not parse as ' +
      'iCalendar or breaks RFC 5545 value rules, e.g. bad escapes, an invalid RRULE, a DATE where DATE-TIME is expected, ' +
      'a malformed RECURRENCE-ID or control characters. On MKCALENDAR, on PROPPATCH of CALDAV:calendar-timezone, and for ' +
      'the CALDAV:timezone element of a calendar-query: the value is not a complete VCALENDAR holding exactly one valid ' +
      'VTIMEZONE. sabre reports these failures as 415 "Validation error in iCalendar: …".',
    fix:
      'Validate the iCalendar with an RFC 5545 parser before sending. For time zone values send the full ' +
      'BEGIN:VCALENDAR … BEGIN:VTIMEZONE … END:VCALENDAR (XML-escaped or in CDATA), or use CALDAV:calendar-timezone-id / ' +
      'CALDAV:timezone-id (RFC 7809) when the server supports them.',
  }],
  [C('initialize-calendar-collection'), {
    specs: [rfc(4791, '5.3.1')],
    meaning:
      'MKCALENDAR postcondition failed: the server could not finish turning the new URL into a calendar ' +
      '(its resourcetype must become DAV:collection + CALDAV:calendar). This is a failure on the server side.',
    fix:
      'Retry with a minimal MKCALENDAR body at a fresh URL in your calendar home; if it keeps failing, report it as a ' +
      'server problem.',
  }],
  [C('supported-calendar-data'), {
    specs: [rfc(4791, '5.3.2.1'), rfc(4791, '5.2.4'), rfc(4791, '9.6'), cdt('errors.xml'), sabre('lib/CalDAV/Plugin.php')],
    meaning:
      'Unsupported calendar data format. On PUT/COPY/MOVE: the body is not text/calendar version 2.0 (unless the ' +
      'collection\'s CALDAV:supported-calendar-data lists another type) or not a VCALENDAR at all (vCard, HTML, JSON); ' +
      'sabre answers 415 "This collection can only support iCalendar objects". In calendar-query/multiget: the ' +
      'content-type/version attributes of CALDAV:calendar-data ask for a format the server cannot produce, e.g. ' +
      'application/calendar+json.',
    fix:
      'Send Content-Type: text/calendar; charset=utf-8 with a BEGIN:VCALENDAR body. In reports, omit the ' +
      'content-type/version attributes or use text/calendar and 2.0.',
  }],
  [C('valid-calendar-object-resource'), {
    specs: [rfc(4791, '4.1'), rfc(4791, '5.3.2.1'), cdt('errors.xml')],
    meaning:
      'The iCalendar is valid, but breaks the CalDAV storage rules: more than one component type, a METHOD property, ' +
      'more than one UID, duplicate RECURRENCE-IDs, or overrides inconsistent with the master. Apple CalendarServer also ' +
      'uses it for missing required properties (VERSION, DTSTAMP) and missing time zones; sabre answers 415, e.g. ' +
      '"A calendar object on a CalDAV server MUST NOT have a METHOD property".',
    fix:
      'Store one UID per resource (a master plus its overrides), with no METHOD property, one component type and all ' +
      'required properties present. Put each separate event or task in its own resource.',
  }],
  [C('supported-calendar-component'), {
    specs: [rfc(4791, '5.2.3'), rfc(4791, '5.3.2.1'), cdt('mkcalendar.xml'), sabre('lib/CalDAV/Exception/InvalidComponentType.php')],
    meaning:
      'The calendar\'s CALDAV:supported-calendar-component-set excludes this component type, for example a VTODO ' +
      'stored into an events-only calendar (sabre InvalidComponentType, 403).',
    fix:
      'Read CALDAV:supported-calendar-component-set and store each component type in a calendar that accepts it ' +
      '(tasks in a VTODO collection).',
  }],
  [C('no-uid-conflict'), {
    specs: [rfc(4791, '4.1'), rfc(4791, '5.3.2.1'), cdt('errors.xml')],
    meaning:
      'Another resource in this calendar already uses this UID (the DAV:href child names it), or a PUT tried to replace ' +
      'an object with one carrying a different UID. Radicale sends it with 409; Nextcloud reports the same case as 400 ' +
      '"Calendar object with uid already exists in this calendar collection."',
    fix:
      'Update the existing object at the named href with If-Match instead of creating a new one (do not guess ' +
      '"<uid>.ics"), and never give an existing URL an object with a different UID.',
    severity: 'error',
  }],
  [C('max-resource-size'), {
    specs: [rfc(4791, '5.2.5'), rfc(4791, '5.3.2.1')],
    meaning:
      'The object is larger than the collection\'s CALDAV:max-resource-size. Radicale reports this as 412 with a plain-text body.',
    fix: 'Drop inline attachments (reference them with an ATTACH URI instead) or split the data.',
  }],
  [C('min-date-time'), {
    specs: [rfc(4791, '5.2.6'), rfc(4791, '5.3.2.1'), rfc(4791, '7.8'), rfc(4791, '7.9')],
    meaning:
      'A date in the object, including any recurrence instance, or a time-range in the report, is earlier than the ' +
      'server\'s CALDAV:min-date-time. Example: birthdays in 1800.',
    fix: 'Read CALDAV:min-date-time and clamp the dates or time-range; use an RRULE instead of far-away explicit dates.',
  }],
  [C('max-date-time'), {
    specs: [rfc(4791, '5.2.7'), rfc(4791, '5.3.2.1'), rfc(4791, '7.8'), rfc(4791, '7.9')],
    meaning:
      'A date in the object, including any recurrence instance, or a time-range in the report, is later than the ' +
      'server\'s CALDAV:max-date-time.',
    fix: 'Read CALDAV:max-date-time and clamp the dates or time-range; bound open-ended recurrences with COUNT or UNTIL.',
  }],
  [C('max-instances'), {
    specs: [rfc(4791, '5.2.8'), rfc(4791, '5.3.2.1'), cdt('errors.xml')],
    meaning:
      'The recurrence expands to more instances than CALDAV:max-instances allows. Apple CalendarServer sends the ' +
      'non-standard CALDAV:number-of-recurrences-within-limits instead.',
    fix: 'Add COUNT or UNTIL to the RRULE, or prune long RDATE lists.',
  }],
  [C('max-attendees-per-instance'), {
    specs: [rfc(4791, '5.2.9'), rfc(4791, '5.3.2.1'), cdt('errors.xml')],
    meaning: 'An instance has more ATTENDEEs than CALDAV:max-attendees-per-instance allows.',
    fix: 'Invite fewer attendees, or use a group address instead of listing every member.',
  }],
  [C('valid-filter'), {
    specs: [rfc(4791, '7.8'), rfc(4791, '9.7'), rfc(4791, '9.9'), cdt('errors.xml')],
    meaning:
      'The calendar-query filter is structurally invalid: the top element is not a single comp-filter name="VCALENDAR", ' +
      'a component is nested where it cannot occur (a VEVENT inside a VTODO), a time-range sits inside a text property, ' +
      'or time-range values are not UTC or are reversed (Apple CalendarServer, Bedework). sabre and Radicale answer 400.',
    fix:
      'Start the filter with one comp-filter name="VCALENDAR" holding one comp-filter for the component type, and write ' +
      'time-range start/end in UTC basic format (e.g. 20240101T000000Z) with start before end.',
  }],
  [C('supported-filter'), {
    specs: [rfc(4791, '7.8')],
    meaning:
      'The filter is valid, but names components, properties or parameters the server cannot search on; the element ' +
      'lists the offending comp-filter, prop-filter or param-filter.',
    fix: 'Simplify the filter to what the server supports and finish the filtering on the client.',
  }],
  [C('supported-collation'), {
    specs: [rfc(4791, '7.5'), rfc(4791, '7.8')],
    meaning: 'A text-match asks for a collation the server does not offer.',
    fix: 'Use i;ascii-casemap or i;octet, which every server must support, or leave the collation attribute out.',
  }],

  // ---------------------------------------------------------------- A.5 RFC 6578 sync-collection (DAV:)
  [D('valid-sync-token'), {
    specs: [rfc(6578, '3.2'), sabre('lib/DAV/Exception/InvalidSyncToken.php')],
    meaning:
      'The DAV:sync-token sent with sync-collection is unknown, expired, belongs to another collection, or was never ' +
      'issued by this server (for example a CTag value, or "0"). The status varies: sabre and Radicale send 403, other ' +
      'servers 409, 400 or 410.',
    fix:
      'Throw away the stored token, run sync-collection again with an empty DAV:sync-token, reconcile the local copy by ' +
      'href and ETag, and store the new token. Do not resend the rejected token.',
  }],
  [D('sync-traversal-supported'), {
    specs: [rfc(6578, '3.3')],
    meaning:
      'In a sync-collection with sync-level infinite, the server will not descend into this child collection ' +
      '(sent inside a per-child 403 response).',
    fix: 'Run sync-collection directly on that child collection.',
  }],

  // ---------------------------------------------------------------- A.6 RFC 6638 scheduling
  [C('unique-scheduling-object-resource'), {
    specs: [rfc(6638, '3.2.4.1')],
    meaning:
      'The user already has a scheduling object (an event with ORGANIZER) with this UID in another calendar; the ' +
      'optional DAV:href names it. Only one copy per UID is allowed across the user\'s calendars.',
    fix: 'Update or MOVE the existing object instead of creating a second copy.',
  }],
  [C('same-organizer-in-all-components'), {
    specs: [rfc(6638, '3.2.4.2')],
    meaning:
      'The master component and its overrides disagree on ORGANIZER, or some components have one and others do not. ' +
      'Some servers compare literally, so "mailto:" vs "MAILTO:" also trips it. sabre/Nextcloud fail with 500 ' +
      '(SameOrganizerForAllComponentsException) instead of 403.',
    fix: 'Copy the master\'s ORGANIZER property, byte for byte, into every override (every RECURRENCE-ID component).',
  }],
  [C('allowed-organizer-scheduling-object-change'), {
    specs: [rfc(6638, '3.2.1'), rfc(6638, '3.2.4.3')],
    meaning:
      'The organizer made a change the server forbids, typically setting an attendee\'s PARTSTAT to anything but ' +
      'NEEDS-ACTION while the server handles scheduling for that attendee.',
    fix: 'Leave attendee PARTSTAT values as stored; the attendees\' replies update them.',
  }],
  [C('allowed-attendee-scheduling-object-change'), {
    specs: [rfc(6638, '3.2.2.1'), rfc(6638, '3.2.4.4')],
    meaning:
      'The attendee changed something only the organizer may change (times, summary, other attendees…). An attendee ' +
      'may change only: their own PARTSTAT, TRANSP, alarms, PERCENT-COMPLETE, COMPLETED, CALSCALE, PRODID, EXDATE or ' +
      'removal of overrides, CREATED/DTSTAMP/LAST-MODIFIED, SCHEDULE-STATUS on CLIENT-scheduled attendees, and new ' +
      'overrides that stay within these limits.',
    fix: 'Compare with the last copy fetched from the server and restrict the edit to the allowed items.',
  }],
  [C('default-calendar-needed'), {
    specs: [rfc(6638, '4.3'), rfc(6638, '4.3.1.1')],
    meaning:
      'This calendar is where new invitations land (the CALDAV:schedule-default-calendar-URL of the inbox), so it ' +
      'cannot be deleted and that property cannot be removed.',
    fix: 'First point CALDAV:schedule-default-calendar-URL on the scheduling inbox at another calendar, then delete this one.',
  }],
  [C('valid-schedule-default-calendar-URL'), {
    specs: [rfc(6638, '4.3.1.2'), rfc(6638, '9.2')],
    meaning:
      'The new CALDAV:schedule-default-calendar-URL is not one of the user\'s calendar collections. Servers that do not ' +
      'allow the change at all answer DAV:cannot-modify-protected-property instead.',
    fix: 'Set it to the href of a calendar collection you own.',
  }],
  [C('valid-scheduling-message'), {
    specs: [rfc(6638, '5.2.1'), rfc(5546, '3.3.2')],
    meaning:
      'The body POSTed to the scheduling outbox is not a valid iTIP free-busy request (answered with 400). It needs ' +
      'METHOD:REQUEST and one VFREEBUSY with UTC DTSTART/DTEND, ORGANIZER, ATTENDEE(s), UID and DTSTAMP.',
    fix: 'Build the body as RFC 6638 §5 and RFC 5546 §3.3.2 describe, sent as text/calendar.',
  }],
  [C('valid-organizer'), {
    specs: [rfc(6638, '5'), rfc(6638, '5.2.2')],
    meaning:
      'The ORGANIZER of the outbox POST is not one of the outbox owner\'s CALDAV:calendar-user-address-set values.',
    fix: 'Copy an address exactly from CALDAV:calendar-user-address-set of the principal that owns the outbox.',
  }],

  // ---------------------------------------------------------------- A.7 RFC 5689 extended MKCOL (DAV:)
  [D('valid-resourcetype'), {
    specs: [rfc(5689, '3'), rfc(5689, '3.3'), rfc(5689, '4.1'), sabre('lib/DAV/Exception/InvalidResourceType.php')],
    meaning:
      'Extended MKCOL refused: the server will not create that kind of collection there, and nothing was created. ' +
      'Causes: DAV:resourcetype lacks DAV:collection; it uses CALDAV:calendar-collection (a typo in the prose of RFC 5689 ' +
      '§4.1, the right element is CALDAV:calendar); or the location does not accept calendars. In the DAV:mkcol-response ' +
      'DAV:resourcetype carries 403 and the other properties 424.',
    fix:
      'Send DAV:resourcetype with DAV:collection and CALDAV:calendar, or use MKCALENDAR. Check first that the DAV: ' +
      'header of OPTIONS lists extended-mkcol.',
  }],

  // ---------------------------------------------------------------- A.8 related specs and non-standard codes
  [C('valid-timezone'), {
    specs: [rfc(7809, '3.1.4'), rfc(7809, '3.1.5'), rfc(7809, '3.1.6'), cdt('errors.xml')],
    meaning:
      'The server does not know the time zone and will not store a custom definition: a PUT using an unknown or ' +
      'non-standard TZID, a PROPPATCH of CALDAV:calendar-timezone-id, or a CALDAV:timezone-id in a calendar-query.',
    fix:
      'Use IANA time zone identifiers the server knows (e.g. Europe/Berlin); if the VTIMEZONE was left out, include it. ' +
      'For the property, set CALDAV:calendar-timezone with the full VTIMEZONE instead.',
  }],
  [C('number-of-recurrences-within-limits'), {
    specs: [rfc(4791, '5.2.8'), cdt('errors.xml')],
    meaning:
      'Apple CalendarServer\'s non-standard stand-in for CALDAV:max-instances: the recurrence (unbounded or huge) ' +
      'expands to too many instances.',
    fix: 'Bound the RRULE with COUNT or UNTIL, or prune long RDATE lists.',
  }],
  [C('valid-attendee-change'), {
    specs: [rfc(6638, '3.2.2.1'), ccs('txdav/caldav/datastore/scheduling/implicit.py')],
    meaning:
      'Pre-RFC 6638 name still sent by Apple CalendarServer: the attendee\'s change to a scheduled event is not allowed, ' +
      'for example turning the attendee copy into an unscheduled event or back ("Cannot change scheduling object mode").',
    fix:
      'Keep ORGANIZER and ATTENDEE properties as the server stored them and limit attendee edits to the items RFC 6638 ' +
      '§3.2.2.1 allows (own PARTSTAT, alarms, TRANSP…).',
  }],
  [C('valid-organizer-change'), {
    specs: [rfc(6638, '3.2.4.3'), ccs('txdav/caldav/datastore/scheduling/implicit.py')],
    meaning:
      'Pre-RFC 6638 name still sent by Apple CalendarServer: the organizer\'s change is not allowed, typically ' +
      'changing the ORGANIZER of an existing scheduled event ("Organizer cannot be changed").',
    fix:
      'Keep ORGANIZER identical to the stored copy. To hand a meeting to someone else, cancel it and let the new ' +
      'organizer create it.',
  }],
  [C('organizer-allowed'), {
    specs: [rfc(6638, '3.2'), ccs('txdav/caldav/datastore/scheduling/caldav/scheduler.py'), cdt('schedulepost.xml')],
    meaning:
      'Draft-era scheduling code (Apple CalendarServer): the ORGANIZER was refused, because it does not belong to a ' +
      'calendar user you may schedule as, or because an organizer\'s event has no master component.',
    fix:
      'Use an ORGANIZER taken from your own CALDAV:calendar-user-address-set, and always include the master component ' +
      'in events you organize.',
  }],
  [C('attendee-allowed'), {
    specs: [rfc(6638, '3.2'), ccs('txdav/caldav/datastore/scheduling/caldav/scheduler.py'), cdt('schedulepost.xml')],
    meaning: 'Draft-era scheduling code (Apple CalendarServer): an ATTENDEE was refused as a party to this scheduling operation.',
    fix: 'Check the ATTENDEE addresses and remove or correct the ones the server rejects.',
  }],
  [C('originator-allowed'), {
    specs: [rfc(6638, '5'), ccs('txdav/caldav/datastore/scheduling/caldav/scheduler.py'), cdt('schedulepost.xml')],
    meaning:
      'Draft-era scheduling code (Apple CalendarServer): the originator of the scheduling request is unknown or the ' +
      'authenticated user may not act for it.',
    fix: 'POST only to your own CALDAV:schedule-outbox-URL, with an ORGANIZER from your CALDAV:calendar-user-address-set.',
  }],
  [C('originator-specified'), {
    specs: [rfc(6638, '5'), ccs('txdav/caldav/datastore/scheduling/caldav/scheduler.py'), cdt('schedulepost.xml')],
    meaning:
      'Draft-era scheduling code (Apple CalendarServer): no originator could be determined for the request. Old servers ' +
      'required an Originator header on outbox POST; RFC 6638 servers take it from the outbox owner and the ORGANIZER.',
    fix:
      'POST to your own outbox with an ORGANIZER in the body. Add an Originator header only for a server that still ' +
      'implements the pre-RFC 6638 draft.',
  }],
  [C('recipient-specified'), {
    specs: [rfc(6638, '5'), ccs('txdav/caldav/datastore/scheduling/caldav/scheduler.py'), cdt('schedulepost.xml')],
    meaning:
      'Draft-era scheduling code (Apple CalendarServer): the scheduling request names no recipients (no ATTENDEE ' +
      'properties, or no Recipient headers on a pre-RFC 6638 server).',
    fix: 'Include at least one ATTENDEE besides the organizer.',
  }],
  [C('recipient-exists'), {
    specs: [rfc(6638, '5'), ccs('txdav/caldav/datastore/scheduling/caldav/scheduler.py'), cdt('schedulepost.xml')],
    meaning: 'Draft-era scheduling code (Apple CalendarServer): a recipient calendar user address is unknown or invalid.',
    fix: 'Check the ATTENDEE addresses for typos and use addresses the server can deliver to.',
  }],
  [C('recipient-permissions'), {
    specs: [rfc(6638, '6'), ccs('txdav/caldav/datastore/scheduling/caldav/scheduler.py'), cdt('schedulepost.xml')],
    meaning:
      'Draft-era scheduling code (Apple CalendarServer): the originator may not deliver to this recipient\'s scheduling ' +
      'inbox (no CALDAV:schedule-deliver), or the message could not be stored there. Usually reported per recipient ' +
      'with request status 3.8 (No authority).',
    fix:
      'Check each recipient\'s CALDAV:request-status; ask the recipient to allow scheduling, or invite them another way.',
  }],
  [C('max-attachments'), {
    specs: [rfc(8607), cdt('managed-attachments.xml')],
    meaning: 'Managed attachments: the calendar object already holds as many managed attachments as the server allows.',
    fix: 'Remove an attachment first, or reference the file with an ATTACH URI instead of uploading it.',
  }],
  [C('max-attachment-size'), {
    specs: [rfc(8607), cdt('managed-attachments.xml')],
    meaning: 'Managed attachments: the uploaded attachment is larger than CALDAV:max-attachment-size.',
    fix: 'Upload a smaller file, or store it elsewhere and reference it with an ATTACH URI.',
  }],
  [C('valid-managed-id'), {
    specs: [rfc(8607), cdt('managed-attachments.xml')],
    meaning:
      'Managed attachments: a managed id in the request does not identify an attachment the server manages for this ' +
      'calendar object (for example a MANAGED-ID copied from another event or never issued by the server).',
    fix:
      'Keep ATTACH properties exactly as the server returned them and do not invent MANAGED-ID values; add new files ' +
      'with POST ?action=attachment-add.',
  }],
  [C('valid-managed-id-parameter'), {
    specs: [rfc(8607), cdt('managed-attachments.xml'), ccs('twistedcaldav/storebridge.py')],
    meaning:
      'Managed attachments: the managed-id query parameter of an attachment-update or attachment-remove POST is missing ' +
      'or does not refer to an attachment of this calendar object.',
    fix:
      'Send ?action=attachment-update or ?action=attachment-remove with managed-id set to the MANAGED-ID of the ' +
      'attachment (returned in the Cal-Managed-ID header when it was added).',
  }],
  [C('valid-attachment-add'), {
    specs: [rfc(8607), cdt('managed-attachments.xml'), ccs('twistedcaldav/storebridge.py')],
    meaning:
      'Managed attachments: POST ?action=attachment-add failed; the server could not store the attachment, or refuses ' +
      'it because you are an attendee (Apple CalendarServer lets only organizers manage attachments).',
    fix: 'Add managed attachments as the organizer, within the server\'s size and quota limits.',
  }],
  [C('valid-attachment-remove'), {
    specs: [rfc(8607), cdt('managed-attachments.xml'), ccs('twistedcaldav/storebridge.py')],
    meaning:
      'Managed attachments: POST ?action=attachment-remove failed; the server could not remove the attachment, or ' +
      'refuses because you are an attendee.',
    fix: 'Remove managed attachments as the organizer, naming an existing attachment with managed-id.',
  }],
  [C('valid-attachment-update'), {
    specs: [rfc(8607), cdt('managed-attachments.xml'), ccs('twistedcaldav/storebridge.py')],
    meaning:
      'Managed attachments: POST ?action=attachment-update failed; the server could not store the new content, or ' +
      'refuses because you are an attendee.',
    fix: 'Update managed attachments as the organizer, naming an existing attachment with managed-id.',
  }],
  [C('supported-rscale'), {
    specs: [rfc(7529, '10'), cdt('rscale.xml')],
    meaning: 'The RRULE uses an RSCALE (non-Gregorian calendar system) the server does not support.',
    fix:
      'Read CALDAV:supported-rscale-set and use only the listed calendar systems; if the property is absent, do not ' +
      'store RSCALE rules (use a Gregorian RRULE or explicit RDATEs).',
  }],
  [CS('valid-split'), {
    specs: [cdt('recurrence-splitting.xml'), ccs('doc/Extensions/caldav-recursplit.txt')],
    meaning:
      'Apple CalendarServer refused a recurrence split (POST …?action=split&rid=…): the rid lies before the first or ' +
      'after the last instance, or the event does not recur. Only organizers may split scheduled events. The published ' +
      'extension and CalDAVTester spell this CS:invalid-split; a missing or malformed rid gives CALDAV:valid-rid-parameter.',
    fix: 'Split only recurring events you organize, at a rid (UTC date-time) between the first and the last instance.',
  }],
  [CS('invalid-split'), {
    specs: [cdt('recurrence-splitting.xml'), ccs('doc/Extensions/caldav-recursplit.txt')],
    meaning:
      'Spelling of CS:valid-split used by Apple\'s recurrence-split extension: the split (POST …?action=split&rid=…) was ' +
      'refused because the rid lies before the first or after the last instance, or the event does not recur.',
    fix: 'Split only recurring events you organize, at a rid (UTC date-time) between the first and the last instance.',
  }],
  [CS('max-collections'), {
    specs: [cdt('limits.xml')],
    meaning:
      'Apple CalendarServer limit: the calendar home already holds the maximum number of collections, so no new ' +
      'calendar can be created there.',
    fix: 'Delete unused calendars or reuse an existing one; CS:max-collections on the calendar home gives the limit.',
  }],
  [CS('no-duplicate-private-comments'), {
    specs: [cdt('privatecomments.xml'), ccs('doc/Extensions/caldav-privatecomments.txt')],
    meaning:
      'Apple private attendee comments: a component carries X-CALENDARSERVER-PRIVATE-COMMENT more than once, or more ' +
      'than one X-CALENDARSERVER-ATTENDEE-COMMENT for the same attendee; each may appear only once.',
    fix: 'Keep at most one private comment per component (and per attendee); update the existing property instead of adding another.',
  }],
  [CS('valid-drop-box'), {
    specs: [cdt('dropbox.xml')],
    meaning:
      'Apple CalendarServer drop box (attachment folder): the request tried to PUT a resource to, or create a calendar ' +
      'at, a drop box collection, which the server does not allow.',
    fix: 'Do not PUT or MKCALENDAR on drop box URLs; use managed attachments (POST ?action=attachment-add) where the server offers them.',
  }],
  [CS('no-access-restrictions'), {
    specs: [cdt('privateevents.xml')],
    meaning:
      'Apple CalendarServer: private events cannot be scheduled. The iCalendar data of a scheduling request carries ' +
      'X-CALENDARSERVER-ACCESS (Apple\'s private/confidential marker).',
    fix: 'Remove X-CALENDARSERVER-ACCESS from events that have attendees, or drop the attendees if the event must stay private.',
  }],
  [CARD('supported-address-data'), {
    specs: [rfc(6352, '6.3.2.1')],
    meaning: `CardDAV precondition: the stored data is not a supported vCard media type. ${CARD_IN_CALDAV}`,
    fix: CARD_FIX,
    severity: 'error',
  }],
  [CARD('valid-address-data'), {
    specs: [rfc(6352, '6.3.2.1')],
    meaning: `CardDAV precondition: the stored data is not valid vCard. ${CARD_IN_CALDAV}`,
    fix: CARD_FIX,
    severity: 'error',
  }],
  [CARD('no-uid-conflict'), {
    specs: [rfc(6352, '6.3.2.1')],
    meaning: `CardDAV precondition: another vCard in the address book already uses this UID. ${CARD_IN_CALDAV}`,
    fix: CARD_FIX,
    severity: 'error',
  }],
  [CARD('addressbook-collection-location-ok'), {
    specs: [rfc(6352, '6.3.2.1')],
    meaning: `CardDAV precondition: an address book cannot be created or moved to that location. ${CARD_IN_CALDAV}`,
    fix: CARD_FIX,
    severity: 'error',
  }],
  [CARD('supported-filter'), {
    specs: [rfc(6352, '8.6')],
    meaning: `CardDAV precondition: the addressbook-query filter uses unsupported vCard properties or parameters. ${CARD_IN_CALDAV}`,
    fix: CARD_FIX,
    severity: 'error',
  }],
  [S('exception'), {
    specs: [sabre('lib/DAV/Server.php')],
    meaning:
      'sabre/dav diagnostic (Nextcloud, ownCloud, Baïkal), not a precondition: the PHP exception class behind the error. ' +
      'It often says more than the status: UnsupportedMediaType (415) covers every iCalendar validation failure, ' +
      'ReportNotSupported (415) means DAV:supported-report, PreconditionFailed (412) a failed If-Match/If-None-Match, ' +
      'SameOrganizerForAllComponentsException (500) means CALDAV:same-organizer-in-all-components.',
    fix:
      'Decode the class (lookupSabreException) and apply the fix of the standard precondition it stands for; show ' +
      'SABRE:message alongside.',
  }],
  [S('message'), {
    specs: [sabre('lib/DAV/Server.php')],
    meaning:
      'sabre/dav diagnostic: the human-readable exception message, e.g. "Validation error in iCalendar: …" or ' +
      '"A calendar object on a CalDAV server MUST NOT have a METHOD property". Often the only detail when sabre sends ' +
      'no standard element.',
    fix: 'Show it verbatim: it usually names the property or rule the request broke.',
  }],
  [S('header'), {
    specs: [sabre('lib/DAV/Exception/PreconditionFailed.php'), rfc(7232, '3.1'), rfc(7232, '3.2')],
    meaning: 'sabre/dav diagnostic on a 412: names the conditional request header that failed (If-Match or If-None-Match).',
    fix:
      'If-Match: the resource changed since you read it; refetch, merge and retry with the new ETag. ' +
      'If-None-Match: * : something already exists at that URL; update it with If-Match or pick a new name.',
  }],
];

const TABLE: readonly (readonly [clark: string, info: PreconditionInfo])[] = Object.freeze(
  ENTRIES.map(([clark, entry]) => {
    const info: PreconditionInfo = Object.freeze({
      name: prefixedName(clark),
      ...entry,
      specs: Object.freeze(entry.specs.map((s) => Object.freeze({ ...s }))),
    });
    return Object.freeze([clark, info] as const);
  }),
);

const BY_CLARK: ReadonlyMap<string, PreconditionInfo> = new Map(TABLE);

/** The decoding entry for a DAV:error child given in Clark notation, or undefined when unknown. */
export function lookupPrecondition(clarkName: string): PreconditionInfo | undefined {
  return BY_CLARK.get(clarkName);
}

/**
 * Prefix form of any Clark name: "{DAV:}x" -> "DAV:x", "{urn:ietf:params:xml:ns:caldav}x" -> "CALDAV:x".
 * Unknown namespaces keep the Clark form; "{}x" and names without a namespace come back as the bare local name.
 */
export function prefixedName(clarkName: string): string {
  const { ns, local } = splitClark(clarkName);
  if (ns === '') return local;
  const prefix = PREFIXES.get(ns);
  return prefix === undefined ? clarkName : `${prefix}:${local}`;
}

/** Every known element, in the order of the RFC tables, as [Clark name, info] pairs. */
export function allPreconditions(): readonly (readonly [clark: string, info: PreconditionInfo])[] {
  return TABLE;
}

// ------------------------------------------------------------------ A.9 sabre/dav exception classes
const SABRE_EXCEPTIONS: ReadonlyMap<string, SabreExceptionInfo> = new Map<string, SabreExceptionInfo>([
  ['Sabre\\DAV\\Exception\\PreconditionFailed', {
    status: 412, elements: [],
    readAs: 'A conditional request failed; SABRE:header names the header (If-Match or If-None-Match).',
  }],
  ['Sabre\\DAV\\Exception\\UnsupportedMediaType', {
    status: 415,
    elements: [C('valid-calendar-data'), C('valid-calendar-object-resource'), C('supported-calendar-data')],
    readAs:
      'Every iCalendar validation failure ("Validation error in iCalendar: …", "This collection can only support ' +
      'iCalendar objects", "MUST NOT have a METHOD property", "More than one master object was found…"); read ' +
      'SABRE:message to tell which of the three standard preconditions it is.',
  }],
  ['Sabre\\CalDAV\\Exception\\InvalidComponentType', {
    status: 403, elements: [C('supported-calendar-component')],
    readAs: 'Wrong component type for this calendar.',
  }],
  ['Sabre\\DAV\\Exception\\InvalidSyncToken', {
    status: 403, elements: [D('valid-sync-token')],
    readAs: 'The sync token is not valid; run a fresh sync with an empty token.',
  }],
  ['Sabre\\DAVACL\\Exception\\NeedPrivileges', {
    status: 403, elements: [D('need-privileges')],
    readAs: 'A privilege is missing.',
  }],
  ['Sabre\\DAV\\Exception\\ReportNotSupported', {
    status: 415, elements: [D('supported-report')],
    readAs: 'The report is not available on this resource.',
  }],
  ['Sabre\\DAV\\Exception\\TooManyMatches', {
    status: 403, elements: [D('number-of-matches-within-limits')],
    readAs: 'Too many results; narrow the query.',
  }],
  ['Sabre\\DAV\\Exception\\InvalidResourceType', {
    status: 403, elements: [D('valid-resourcetype')],
    readAs: 'Extended MKCOL refused the requested resourcetype.',
  }],
  ['Sabre\\DAVACL\\Exception\\NoAbstract', {
    status: 412, elements: [D('no-abstract')],
    readAs: 'ACL body problem: an abstract privilege was used.',
  }],
  ['Sabre\\DAVACL\\Exception\\NotSupportedPrivilege', {
    status: 412, elements: [D('not-supported-privilege')],
    readAs: 'ACL body problem: an unsupported privilege was used.',
  }],
  ['Sabre\\DAVACL\\Exception\\NotRecognizedPrincipal', {
    status: 412, elements: [D('recognized-principal')],
    readAs: 'ACL body problem: a principal href is not a principal.',
  }],
  ['Sabre\\DAV\\Exception\\Locked', {
    status: 423, elements: [D('lock-token-submitted')],
    readAs: 'The resource is locked and the lock token was not sent.',
  }],
  ['Sabre\\DAV\\Exception\\ConflictingLock', {
    status: 423, elements: [D('no-conflicting-lock')],
    readAs: 'A conflicting lock already exists.',
  }],
  ['Sabre\\DAV\\Exception\\LockTokenMatchesRequestUri', {
    status: 409, elements: [D('lock-token-matches-request-uri')],
    readAs: 'The lock token does not match the URL being unlocked.',
  }],
  ['Sabre\\DAV\\Exception\\BadRequest', {
    status: 400, elements: [],
    readAs:
      'Read SABRE:message. "Calendar object with uid already exists in this calendar collection." is Nextcloud\'s ' +
      'CALDAV:no-uid-conflict; "A calendar-query REPORT on a calendar with a Depth: 0 is undefined. Set Depth to 1" ' +
      'means the calendar-query needs Depth: 1.',
  }],
  ['Sabre\\VObject\\ITip\\SameOrganizerForAllComponentsException', {
    status: 500, elements: [C('same-organizer-in-all-components')],
    readAs: 'The components disagree on ORGANIZER; copy the master\'s ORGANIZER into every override.',
  }],
  ['Sabre\\VObject\\Recur\\NoInstancesException', {
    status: 500, elements: [],
    readAs: 'The recurrence yields no instances (RRULE/RDATE minus EXDATE leave nothing).',
  }],
  ['Sabre\\VObject\\InvalidDataException', {
    status: 500, elements: [],
    readAs: 'Invalid data, for example a bad date in a time-range; send UTC basic-format date-times.',
  }],
  ['OCA\\DAV\\Exception\\UnsupportedLimitOnInitialSyncException', {
    status: 507, elements: [D('number-of-matches-within-limits')],
    readAs: 'Nextcloud will not honour DAV:limit on an initial sync; retry the first sync without DAV:limit.',
  }],
  ['Sabre\\DAV\\Exception\\NotFound', {
    status: 404, elements: [],
    readAs: 'Nothing at that URL (or the principal named in it does not exist); check the href the client built.',
  }],
  ['Sabre\\DAV\\Exception\\Forbidden', {
    status: 403, elements: [],
    readAs: 'The server refuses this on principle (read-only property, a shared calendar, a policy); the message says which.',
  }],
  ['Sabre\\DAV\\Exception\\Conflict', {
    status: 409, elements: [],
    readAs: 'The request conflicts with the state of the resource, typically a missing parent collection.',
  }],
  ['Sabre\\DAV\\Exception\\MethodNotAllowed', {
    status: 405, elements: [],
    readAs: 'The method does not apply here (MKCALENDAR where something exists, PUT on a collection); Allow lists what does.',
  }],
  ['Sabre\\DAV\\Exception\\NotImplemented', {
    status: 501, elements: [],
    readAs: 'The server does not implement this (a method, a report, or a header such as Content-Range on PUT).',
  }],
  ['Sabre\\DAV\\Exception\\ServiceUnavailable', {
    status: 503, elements: [],
    readAs: 'The server is temporarily unable to answer; retry later (after Retry-After when given).',
  }],
  ['Sabre\\DAV\\Exception\\InsufficientStorage', {
    status: 507, elements: [],
    readAs: 'The server has no room for this (quota or disk).',
  }],
  ['Sabre\\DAV\\Exception\\PaymentRequired', {
    status: 402, elements: [],
    readAs: 'Out of quota in the sense of the hosting plan; nothing the request can change.',
  }],
  ['Sabre\\DAV\\Exception\\LengthRequired', {
    status: 411, elements: [],
    readAs: 'The request body needs a Content-Length (some set-ups refuse chunked uploads).',
  }],
  ['Sabre\\DAV\\Exception\\RequestedRangeNotSatisfiable', {
    status: 416, elements: [],
    readAs: 'The Range asked for lies outside the resource.',
  }],
  ['Sabre\\DAVACL\\Exception\\AceConflict', {
    status: 409, elements: [],
    readAs: 'The ACL change conflicts with a protected or inherited ACE.',
  }],
  ['Sabre\\DAV\\Exception', {
    status: 500, elements: [],
    readAs: 'An error inside the server (its database, a plugin); the message is the server\'s own, and the fix is on the server side.',
  }],
  ['Sabre\\DAV\\Exception\\NotAuthenticated', {
    status: 401, elements: [],
    readAs:
      'Authentication needed; look at WWW-Authenticate. "No \'Authorization: Digest\' header found" means the server expects Digest.',
  }],
]);

/** The elements of sabre/dav's own error reporting (SABRE namespace), which are not conditions. */
export const SABRE_DIAGNOSTICS: ReadonlySet<string> = new Set(['exception', 'message', 'header', 'sabredav-version', 'file', 'line', 'code', 'trace', 'stacktrace']);

/** What a sabre/dav `S:exception` class name stands for (leading backslash optional), or undefined. */
export function lookupSabreException(className: string): SabreExceptionInfo | undefined {
  return SABRE_EXCEPTIONS.get(className.trim().replace(/^\\/, ''));
}
