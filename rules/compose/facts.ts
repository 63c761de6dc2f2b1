// What the composer knows about a server, learned from a session's exchanges (session-facts.ts)
// and read by the templates (templates.ts). Every href is a path (origin-form), as the server sent it.

export interface CalendarFact {
  readonly href: string;
  readonly displayName?: string;
}

export interface ObjectFact {
  /** The calendar object's path. */
  readonly href: string;
  /** The last ETag the server gave for it, quotes included, e.g. "\"abc\"". */
  readonly etag: string;
  /** The UID of the object stored there, when a body of it was seen. */
  readonly uid?: string;
}

export interface SyncTokenFact {
  /** The collection's path. */
  readonly collection: string;
  readonly token: string;
}

export interface ComposeFacts {
  /** The path the upstream is mounted at, ending in "/" ("/" at the root). */
  readonly prefix: string;
  /** DAV:current-user-principal. */
  readonly principal?: string;
  /** CALDAV:calendar-home-set (the first href). */
  readonly calendarHome?: string;
  /** Calendar collections, least recently seen first. */
  readonly calendars: readonly CalendarFact[];
  /** Calendar objects with a known ETag, least recently seen first. */
  readonly objects: readonly ObjectFact[];
  /** The last sync token per collection, least recently seen first. */
  readonly syncTokens: readonly SyncTokenFact[];
}

/** Nothing learned yet: the composer falls back to placeholders. */
export const NO_FACTS: ComposeFacts = { prefix: '/', calendars: [], objects: [], syncTokens: [] };
