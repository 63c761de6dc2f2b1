// A streaming scanner for HAR files: walks the JSON structure byte by byte and hands out each
// element of log.entries (and log.creator) parsed on its own, so a 1 GB HAR never sits in memory.
import { createReadStream } from 'node:fs';
import { MAX_LINE_BYTES } from '../recording/lines.ts';

export class HarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarError';
  }
}

export type HarEvent =
  | { readonly kind: 'creator'; readonly value: unknown }
  | { readonly kind: 'version'; readonly value: unknown }
  | { readonly kind: 'entry'; readonly index: number; readonly value: unknown }
  | { readonly kind: 'bad-entry'; readonly index: number; readonly message: string };

interface Frame {
  readonly array: boolean;
  /** In an object: the key whose value is being read. */
  key: string | undefined;
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export async function* scanHar(path: string, maxEntryBytes = MAX_LINE_BYTES): AsyncGenerator<HarEvent> {
  const stack: Frame[] = [];
  let inString = false;
  let stringIsKey = false;
  let keyParts: Buffer[] = [];
  let escapePending = false;
  let inPrimitive = false;
  let rootDone = false;
  let sawEntries = false;
  let started = false;
  let entryIndex = 0;
  // The value being captured: what it is and the stack depth it started at.
  let capture: { kind: 'creator' | 'version' | 'entry'; depth: number; parts: Buffer[]; length: number; from: number } | undefined;
  let out: HarEvent[] = [];

  const finishCapture = (chunk: Buffer, endExclusive: number) => {
    const c = capture!;
    capture = undefined;
    const piece = chunk.subarray(c.from, endExclusive);
    c.parts.push(piece);
    c.length += piece.length;
    const index = c.kind === 'entry' ? entryIndex++ : -1;
    if (c.length > maxEntryBytes) {
      out.push({ kind: 'bad-entry', index, message: `entry ${index} is ${c.length} bytes long, more than --max-line (${maxEntryBytes} bytes), and was skipped unread; raise --max-line to read it` });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(c.parts, c.length).toString('utf8'));
    } catch (err) {
      if (c.kind === 'entry') out.push({ kind: 'bad-entry', index, message: `entry ${index} is not valid JSON (${(err as Error).message})` });
      return;
    }
    out.push(c.kind === 'entry' ? { kind: 'entry', index, value } : { kind: c.kind, value });
  };

  const valueStart = (chunk: Buffer, i: number, byte: number) => {
    const depth = stack.length;
    if (depth === 0) {
      if (rootDone) throw new HarError(`${path} is not a HAR file: there is more JSON after the top-level object`);
      if (byte !== 0x7b) throw new HarError(`${path} is not a HAR file: it is not a JSON object`);
      return;
    }
    const top = stack[depth - 1]!;
    if (capture) return;
    if (depth === 2 && !stack[0]!.array && stack[0]!.key === 'log' && !top.array && (top.key === 'creator' || top.key === 'version')) {
      capture = { kind: top.key, depth, parts: [], length: 0, from: i };
    } else if (depth === 2 && stack[0]!.key === 'log' && top.key === 'entries') {
      if (byte !== 0x5b) throw new HarError(`${path} is not a HAR file: log.entries is not a list`);
      sawEntries = true;
    } else if (depth === 3 && stack[0]!.key === 'log' && stack[1]!.key === 'entries' && top.array) {
      capture = { kind: 'entry', depth, parts: [], length: 0, from: i };
    }
  };

  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let i = 0;
      if (!started) {
        // HAR 1.2: readers must accept and ignore a UTF-8 byte order mark.
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
        started = true;
      }
      let nextBackslash = chunk.indexOf(BACKSLASH, i);
      const n = chunk.length;
      while (i < n) {
        if (inString) {
          if (escapePending) {
            escapePending = false;
            if (stringIsKey) keyParts.push(chunk.subarray(i, i + 1));
            i++;
            continue;
          }
          if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
          const q = chunk.indexOf(QUOTE, i);
          if (nextBackslash !== -1 && (q === -1 || nextBackslash < q)) {
            if (stringIsKey) keyParts.push(chunk.subarray(i, Math.min(nextBackslash + 2, n)));
            if (nextBackslash + 1 >= n) escapePending = true;
            i = nextBackslash + 2;
            continue;
          }
          if (q === -1) {
            if (stringIsKey) keyParts.push(Buffer.from(chunk.subarray(i)));
            i = n;
            continue;
          }
          if (stringIsKey) keyParts.push(chunk.subarray(i, q));
          inString = false;
          i = q + 1;
          if (stringIsKey) {
            const raw = Buffer.concat(keyParts).toString('utf8');
            keyParts = [];
            let key: string;
            try {
              key = JSON.parse(`"${raw}"`) as string;
            } catch {
              key = raw;
            }
            const top = stack[stack.length - 1]!;
            top.key = key;
            top.expectKey = false;
          } else if (capture && capture.depth === stack.length) {
            finishCapture(chunk, i);
          }
          continue;
        }
        const c = chunk[i]!;
        if (inPrimitive) {
          if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
            inPrimitive = false;
            if (capture && capture.depth === stack.length) finishCapture(chunk, i);
            continue; // the delimiter is handled as structure
          }
          i++;
          continue;
        }
        switch (c) {
          case 0x20:
          case 0x0a:
          case 0x0d:
          case 0x09:
            break;
          case QUOTE: {
            const top = stack[stack.length - 1];
            stringIsKey = top !== undefined && !top.array && top.expectKey;
            if (!stringIsKey) valueStart(chunk, i, c);
            inString = true;
            break;
          }
          case 0x7b: // {
          case 0x5b: // [
            valueStart(chunk, i, c);
            stack.push({ array: c === 0x5b, key: undefined, expectKey: c === 0x7b });
            break;
          case 0x7d: // }
          case 0x5d: // ]
            if (!stack.length) throw new HarError(`${path} is not a HAR file: unbalanced ${String.fromCharCode(c)}`);
            stack.pop();
            if (capture && capture.depth === stack.length) finishCapture(chunk, i + 1);
            if (!stack.length) rootDone = true;
            break;
          case 0x3a: // :
            break;
          case 0x2c: {
            // ,
            const top = stack[stack.length - 1];
            if (top && !top.array) {
              top.expectKey = true;
              top.key = undefined;
            }
            break;
          }
          default:
            valueStart(chunk, i, c);
            inPrimitive = true;
        }
        i++;
      }
      if (capture) {
        const piece = Buffer.from(chunk.subarray(capture.from));
        if (capture.length + piece.length <= maxEntryBytes) capture.parts.push(piece);
        capture.length += piece.length;
        capture.from = 0;
      }
      if (out.length) {
        const events = out;
        out = [];
        yield* events;
      }
    }
  } catch (err) {
    if (err instanceof HarError) throw err;
    throw new HarError(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (inPrimitive && capture) finishCapture(Buffer.alloc(0), 0);
  yield* out;
  if (!started) throw new HarError(`${path} is empty: not a HAR file`);
  if (stack.length || inString) {
    throw new HarError(`${path} is truncated: the JSON stops before its end${sawEntries ? ` (after ${entryIndex} complete entries)` : ''}`);
  }
  if (!rootDone) throw new HarError(`${path} is empty: not a HAR file`);
  if (!sawEntries) throw new HarError(`${path} is not a HAR file: it has no log.entries list`);
}
