// Checks that every precondition element of the RFCs' tables (and sabre/dav's) is decoded with a name, a spec link, a meaning and a fix.
import { describe, it, expect } from 'vitest';
import {
  allPreconditions,
  lookupPrecondition,
  lookupSabreException,
  prefixedName,
} from '../../../rules/decode/preconditions.ts';

const DAV = 'DAV:';
const CALDAV = 'urn:ietf:params:xml:ns:caldav';
const CARDDAV = 'urn:ietf:params:xml:ns:carddav';
const CS = 'http://calendarserver.org/ns/';
const SABRE = 'http://sabredav.org/ns';

interface Case {
  readonly clark: string;
  readonly prefix: string;
  readonly local: string;
}

function cases(ns: string, prefix: string, locals: readonly string[]): Case[] {
  return locals.map((local) => ({ clark: `{${ns}}${local}`, prefix, local }));
}

// Every element the RFC tables name, hard-coded by source (A.1 … A.8).
const PART_A: Readonly<Record<string, readonly Case[]>> = {
  'A.1 RFC 4918': cases(DAV, 'DAV', [
    'lock-token-matches-request-uri',
    'lock-token-submitted',
    'no-conflicting-lock',
    'no-external-entities',
    'preserved-live-properties',
    'propfind-finite-depth',
    'cannot-modify-protected-property',
  ]),
  'A.2 RFC 3253': cases(DAV, 'DAV', ['supported-report', 'resource-must-be-null']),
  'A.3 RFC 3744': cases(DAV, 'DAV', [
    'need-privileges',
    'needs-privilege',
    'no-ace-conflict',
    'no-protected-ace-conflict',
    'no-inherited-ace-conflict',
    'limited-number-of-aces',
    'deny-before-grant',
    'grant-only',
    'no-invert',
    'no-abstract',
    'not-supported-privilege',
    'missing-required-principal',
    'recognized-principal',
    'allowed-principal',
    'number-of-matches-within-limits',
  ]),
  'A.4 RFC 4791': cases(CALDAV, 'CALDAV', [
    'calendar-collection-location-ok',
    'valid-calendar-data',
    'initialize-calendar-collection',
    'supported-calendar-data',
    'valid-calendar-object-resource',
    'supported-calendar-component',
    'no-uid-conflict',
    'max-resource-size',
    'min-date-time',
    'max-date-time',
    'max-instances',
    'max-attendees-per-instance',
    'valid-filter',
    'supported-filter',
    'supported-collation',
  ]),
  'A.5 RFC 6578': cases(DAV, 'DAV', ['valid-sync-token', 'sync-traversal-supported']),
  'A.6 RFC 6638': cases(CALDAV, 'CALDAV', [
    'unique-scheduling-object-resource',
    'same-organizer-in-all-components',
    'allowed-organizer-scheduling-object-change',
    'allowed-attendee-scheduling-object-change',
    'default-calendar-needed',
    'valid-schedule-default-calendar-URL',
    'valid-scheduling-message',
    'valid-organizer',
  ]),
  'A.7 RFC 5689': cases(DAV, 'DAV', ['valid-resourcetype']),
  'A.8 related and non-standard': [
    ...cases(CALDAV, 'CALDAV', [
      'valid-timezone',
      'number-of-recurrences-within-limits',
      'valid-attendee-change',
      'valid-organizer-change',
      'organizer-allowed',
      'attendee-allowed',
      'originator-allowed',
      'originator-specified',
      'recipient-specified',
      'recipient-exists',
      'recipient-permissions',
      'max-attachments',
      'max-attachment-size',
      'valid-managed-id',
      'valid-managed-id-parameter',
      'valid-attachment-add',
      'valid-attachment-remove',
      'valid-attachment-update',
      'supported-rscale',
    ]),
    ...cases(CS, 'CS', [
      'valid-split',
      'max-collections',
      'no-duplicate-private-comments',
      'valid-drop-box',
      'no-access-restrictions',
    ]),
    ...cases(CARDDAV, 'CARD', [
      'supported-address-data',
      'valid-address-data',
      'no-uid-conflict',
      'addressbook-collection-location-ok',
      'supported-filter',
    ]),
    ...cases(SABRE, 'SABRE', ['exception', 'message', 'header']),
  ],
};

const ALL_CASES: readonly Case[] = Object.values(PART_A).flat();

describe('precondition table', () => {
  for (const [source, list] of Object.entries(PART_A)) {
    describe(`${source} elements`, () => {
      it.each(list)('decodes $clark with a prefixed name, an https spec link, a meaning and a fix', ({ clark, prefix, local }) => {
        const info = lookupPrecondition(clark);
        expect(info, `${clark} is missing from the table`).toBeDefined();
        if (info === undefined) return;
        expect(info.name).toBe(`${prefix}:${local}`);
        expect(info.name).toBe(prefixedName(clark));
        expect(info.specs.length).toBeGreaterThan(0);
        for (const spec of info.specs) {
          expect(spec.spec.trim()).not.toBe('');
          expect(spec.url).toMatch(/^https:\/\/\S+$/);
        }
        expect(info.meaning.trim().length).toBeGreaterThan(20);
        expect(info.fix.trim().length).toBeGreaterThan(10);
        if (info.severity !== undefined) expect(['error', 'warning', 'info']).toContain(info.severity);
      });
    });
  }

  it('cites an RFC section for every element that an RFC defines', () => {
    const rfcSources = ['A.1 RFC 4918', 'A.2 RFC 3253', 'A.3 RFC 3744', 'A.4 RFC 4791', 'A.5 RFC 6578', 'A.6 RFC 6638', 'A.7 RFC 5689'];
    for (const source of rfcSources) {
      for (const { clark } of PART_A[source] ?? []) {
        const rfcRefs = lookupPrecondition(clark)?.specs.filter((s) => s.spec.startsWith('RFC ')) ?? [];
        expect(rfcRefs.length, clark).toBeGreaterThan(0);
        for (const ref of rfcRefs) {
          expect(ref.section, clark).toBeTruthy();
          expect(ref.url, clark).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-/);
        }
      }
    }
  });

  it('knows both spellings of the missing-privilege precondition', () => {
    const rfc3744 = lookupPrecondition('{DAV:}need-privileges');
    const rfc4791 = lookupPrecondition('{DAV:}needs-privilege');
    expect(rfc3744?.name).toBe('DAV:need-privileges');
    expect(rfc4791?.name).toBe('DAV:needs-privilege');
    expect(rfc4791?.meaning).toMatch(/need-privileges/);
    expect(rfc4791?.specs.some((s) => s.spec === 'RFC 4791' && s.section === '5.3.1')).toBe(true);
  });

  it('lists every Part A element exactly once in allPreconditions', () => {
    const keys = allPreconditions().map(([clark]) => clark);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { clark } of ALL_CASES) expect(keys, clark).toContain(clark);
    for (const [clark, info] of allPreconditions()) expect(lookupPrecondition(clark)).toBe(info);
  });

  it('rates a UID conflict and CardDAV elements in a CalDAV session as errors and leaves the rest at the default', () => {
    expect(lookupPrecondition(`{${CALDAV}}no-uid-conflict`)?.severity).toBe('error');
    expect(lookupPrecondition(`{${CARDDAV}}valid-address-data`)?.severity).toBe('error');
    expect(lookupPrecondition(`{${CARDDAV}}valid-address-data`)?.meaning).toMatch(/address book/);
    expect(lookupPrecondition('{DAV:}resource-must-be-null')?.severity).toBeUndefined();
  });

  it('also accepts the CS:invalid-split spelling used by the recurrence-split extension', () => {
    expect(lookupPrecondition(`{${CS}}invalid-split`)?.name).toBe('CS:invalid-split');
  });

  it('returns the same frozen entry on every lookup', () => {
    const info = lookupPrecondition(`{${CALDAV}}valid-calendar-data`);
    expect(info).toBe(lookupPrecondition(`{${CALDAV}}valid-calendar-data`));
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info?.specs)).toBe(true);
  });
});

describe('prefixedName', () => {
  it('uses the short prefix for every known namespace', () => {
    expect(prefixedName('{DAV:}getetag')).toBe('DAV:getetag');
    expect(prefixedName(`{${CALDAV}}calendar-data`)).toBe('CALDAV:calendar-data');
    expect(prefixedName(`{${CARDDAV}}address-data`)).toBe('CARD:address-data');
    expect(prefixedName(`{${CS}}getctag`)).toBe('CS:getctag');
    expect(prefixedName('{http://apple.com/ns/ical/}calendar-color')).toBe('ICAL:calendar-color');
    expect(prefixedName(`{${SABRE}}exception`)).toBe('SABRE:exception');
    expect(prefixedName('{http://owncloud.org/ns}permissions')).toBe('OC:permissions');
    expect(prefixedName('{http://nextcloud.org/ns}owner-displayname')).toBe('NC:owner-displayname');
  });

  it('keeps the Clark form of an element in an unknown namespace, which lookupPrecondition does not know', () => {
    const clark = '{http://example.com/ns/}quota-exceeded';
    expect(prefixedName(clark)).toBe(clark);
    expect(lookupPrecondition(clark)).toBeUndefined();
  });

  it('prefixes an unknown element of a known namespace without pretending to know it', () => {
    expect(prefixedName('{DAV:}no-such-condition')).toBe('DAV:no-such-condition');
    expect(lookupPrecondition('{DAV:}no-such-condition')).toBeUndefined();
  });

  it('returns names without a namespace unchanged', () => {
    expect(prefixedName('resource-must-be-null')).toBe('resource-must-be-null');
    expect(prefixedName('{}resource-must-be-null')).toBe('resource-must-be-null');
    expect(lookupPrecondition('resource-must-be-null')).toBeUndefined();
    expect(lookupPrecondition('DAV:resource-must-be-null')).toBeUndefined();
  });
});

describe('lookupSabreException', () => {
  it('maps the sabre exception classes that stand for a standard element to that element', () => {
    expect(lookupSabreException('Sabre\\DAV\\Exception\\ReportNotSupported')).toMatchObject({
      status: 415,
      elements: ['{DAV:}supported-report'],
    });
    expect(lookupSabreException('Sabre\\DAVACL\\Exception\\NeedPrivileges')?.elements).toEqual(['{DAV:}need-privileges']);
    expect(lookupSabreException('\\Sabre\\DAV\\Exception\\InvalidSyncToken')?.elements).toEqual(['{DAV:}valid-sync-token']);
  });

  it('points every mapped element at an entry of the precondition table', () => {
    const classes = [
      'Sabre\\DAV\\Exception\\PreconditionFailed',
      'Sabre\\DAV\\Exception\\UnsupportedMediaType',
      'Sabre\\CalDAV\\Exception\\InvalidComponentType',
      'Sabre\\DAV\\Exception\\InvalidSyncToken',
      'Sabre\\DAVACL\\Exception\\NeedPrivileges',
      'Sabre\\DAV\\Exception\\ReportNotSupported',
      'Sabre\\DAV\\Exception\\TooManyMatches',
      'Sabre\\DAV\\Exception\\InvalidResourceType',
      'Sabre\\DAVACL\\Exception\\NoAbstract',
      'Sabre\\DAVACL\\Exception\\NotSupportedPrivilege',
      'Sabre\\DAVACL\\Exception\\NotRecognizedPrincipal',
      'Sabre\\DAV\\Exception\\Locked',
      'Sabre\\DAV\\Exception\\ConflictingLock',
      'Sabre\\DAV\\Exception\\LockTokenMatchesRequestUri',
      'Sabre\\DAV\\Exception\\BadRequest',
      'Sabre\\VObject\\ITip\\SameOrganizerForAllComponentsException',
      'Sabre\\VObject\\Recur\\NoInstancesException',
      'Sabre\\VObject\\InvalidDataException',
      'OCA\\DAV\\Exception\\UnsupportedLimitOnInitialSyncException',
      'Sabre\\DAV\\Exception\\NotAuthenticated',
    ];
    for (const name of classes) {
      const info = lookupSabreException(name);
      expect(info, name).toBeDefined();
      expect(info?.readAs.trim(), name).not.toBe('');
      for (const element of info?.elements ?? []) expect(lookupPrecondition(element), `${name} -> ${element}`).toBeDefined();
    }
  });

  it('returns undefined for an exception class it does not know', () => {
    expect(lookupSabreException('Sabre\\DAV\\Exception\\Teapot')).toBeUndefined();
  });
});
