// The public face of the request composer's pure core: learn facts from a session, turn them into templates.
export { SessionFacts, MAX_CALENDARS, MAX_OBJECTS, MAX_SYNC_TOKENS } from './session-facts.ts';
export { NO_FACTS, type ComposeFacts, type CalendarFact, type ObjectFact, type SyncTokenFact } from './facts.ts';
export { composeTemplates, PLACEHOLDER, type ComposedRequest, type ComposeOptions } from './templates.ts';
export { utcStamp } from './bodies.ts';
