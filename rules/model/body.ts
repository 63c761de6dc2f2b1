// Reading bodies without Node: the bytes a rule should inspect, and text decoding that never throws.
import type { Body } from './exchange.ts';

/** The bytes to inspect: the decoded form when the wire form was content-encoded. */
export function inspectableBytes(body: Body): Uint8Array | undefined {
  if (body.kind !== 'captured') return undefined;
  if (body.contentEncoding && body.contentEncoding !== 'identity') return body.decoded;
  return body.bytes;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/** UTF-8 text of the bytes, or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-8 text with invalid sequences replaced (U+FFFD), for display and lenient parsing. */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  return utf8Lenient.decode(bytes);
}

/** The body as text for inspection, or undefined when absent, unavailable or not UTF-8. */
export function bodyText(body: Body): string | undefined {
  const bytes = inspectableBytes(body);
  return bytes === undefined ? undefined : decodeUtf8(bytes);
}

/** The full size on the wire when known. */
export function bodySize(body: Body): number | undefined {
  if (body.kind === 'none') return 0;
  return body.size;
}
