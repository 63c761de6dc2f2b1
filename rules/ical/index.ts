// The iCalendar layer's public surface: parsing as a value and RFC 4791-flavoured look-ups.
export * from './parse-ical.ts';
export * from './query.ts';
