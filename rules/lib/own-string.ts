// Copies of strings read out of bodies, for what the session keeps across exchanges.

/**
 * A copy of s that does not point into the body it was read from: V8 makes a substring of 13 or
 * more characters a view of its parent, so an ETag, href or token kept for the session would keep
 * the whole response body alive for as long as it is remembered.
 */
export function own(s: string): string;
export function own(s: string | undefined): string | undefined;
export function own(s: string | undefined): string | undefined {
  return s === undefined || s.length < 13 ? s : (' ' + s).slice(1);
}
