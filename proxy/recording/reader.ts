// Reads a recording as a stream of exchanges, one line at a time: a corrupt line is reported with
// its number and skipped, a torn last line (a killed writer) is only a warning.
import { sourceFrom, type Body, type Exchange } from '../../rules/model/exchange.ts';
import { exchangeFromWire, type WireBody, type WireBytes, type WireExchange } from '../../rules/model/wire.ts';
import { RECORDING_FORMAT, RECORDING_VERSION, type RecordingHeader } from '../../rules/formats/recording/format.ts';
import { wireExchangeProblem } from '../../rules/formats/recording/check-line.ts';
import { MAX_LINE_BYTES, readLines } from './lines.ts';
import { OLDEST_READABLE_VERSION, upgradeExchange, upgradeHeader } from '../../rules/formats/recording/upgrade.ts';

/** The file cannot be read as a recording at all (missing, not one, or from a newer davscope). */
export class RecordingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordingError';
  }
}

export interface RecordingWarning {
  /** 1-based line number in the file. */
  readonly line: number;
  /** torn-last-line: the writer was stopped mid-line (expected after a kill); corrupt-line: anything else. */
  readonly kind: 'torn-last-line' | 'corrupt-line';
  readonly message: string;
}

export interface ReadRecordingOptions {
  /** Called for each warning as it is found (they are also collected in `warnings`). */
  onWarning?(warning: RecordingWarning): void;
  /** Lines longer than this are skipped unread (default MAX_LINE_BYTES; --max-line). */
  maxLineBytes?: number;
}

/** An async iterable of the recording's exchanges, in file order. Each iteration reads the file
 *  afresh; a RecordingError is thrown from the first step when the file is not a recording. */
export interface RecordingReader extends AsyncIterable<Exchange> {
  readonly path: string;
  /** The header, upgraded to the current version; set once iteration has read line 1. */
  readonly header: RecordingHeader | undefined;
  /** The format version the file was written in (before upgrading). */
  readonly fileVersion: number | undefined;
  /** Problems found so far in the current (or last) iteration. */
  readonly warnings: readonly RecordingWarning[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// Node's native base64 decoder: the portable one in rules/model is several times slower, and
// reading a recording of binary bodies would spend most of its time there.
const nodeBytes = (w: WireBytes): Uint8Array => (w.encoding === 'base64' ? Buffer.from(w.data, 'base64') : Buffer.from(w.data, 'utf8'));

function bodyFromWireNode(w: WireBody): Body {
  if (w.kind !== 'captured') return w.kind === 'none' ? w : (w as Body);
  if (w.encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(w.data)) throw new Error('a body is not valid base64');
  return {
    kind: 'captured',
    bytes: nodeBytes(w),
    size: w.size,
    truncated: w.truncated,
    ...(w.contentEncoding ? { contentEncoding: w.contentEncoding } : {}),
    ...(w.decoded ? { decoded: nodeBytes(w.decoded) } : {}),
  };
}

/** The exchange a checked wire line stands for (exchangeFromWire, with Node's decoder). */
function fromWire(w: WireExchange): Exchange {
  const ex = exchangeFromWire({ ...w, source: sourceFrom(w.source), request: { ...w.request, body: { kind: 'none' } }, ...(w.response ? { response: { ...w.response, body: { kind: 'none' } } } : {}), findings: w.findings ?? [] });
  return {
    ...ex,
    request: { ...ex.request, body: bodyFromWireNode(w.request.body) },
    ...(ex.response && w.response ? { response: { ...ex.response, body: bodyFromWireNode(w.response.body) } } : {}),
  };
}

/** Checks line 1 and returns the header upgraded to the current version, with the file's version. */
export function parseHeaderLine(text: string, path: string): { header: RecordingHeader; version: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RecordingError(`${path} is not a davscope recording: its first line is not JSON`);
  }
  if (!isObj(value) || value.format !== RECORDING_FORMAT) {
    throw new RecordingError(`${path} is not a davscope recording: its first line has no "format": "${RECORDING_FORMAT}"`);
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_READABLE_VERSION) {
    throw new RecordingError(`${path}: unknown recording format version ${JSON.stringify(version)}`);
  }
  if (version > RECORDING_VERSION) {
    throw new RecordingError(
      `${path} was written by a newer davscope (recording format version ${version}; this davscope reads versions ${OLDEST_READABLE_VERSION} to ${RECORDING_VERSION}): upgrade davscope to read it`,
    );
  }
  const header = upgradeHeader(value, version) as unknown as RecordingHeader;
  return { header, version };
}

/** Reads only the first line: the header, upgraded, or a RecordingError. */
export async function readRecordingHeader(path: string): Promise<RecordingHeader> {
  const lines = readLines(path);
  try {
    const first = await nextLine(lines, path);
    if (!first) throw new RecordingError(`${path} is empty: not a davscope recording`);
    return parseHeaderLine(first.text, path).header;
  } finally {
    await lines.return(undefined);
  }
}

async function nextLine(lines: ReturnType<typeof readLines>, path: string) {
  let step;
  try {
    step = await lines.next();
  } catch (err) {
    throw new RecordingError(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (step.done) return undefined;
  if ('overlong' in step.value) throw new RecordingError(`${path} is not a davscope recording: its first line is ${step.value.length} bytes long`);
  return step.value;
}

export function readRecording(path: string, options: ReadRecordingOptions = {}): RecordingReader {
  let header: RecordingHeader | undefined;
  let fileVersion: number | undefined;
  let warnings: RecordingWarning[] = [];

  async function* iterate(): AsyncGenerator<Exchange> {
    warnings = [];
    const maxLine = options.maxLineBytes ?? MAX_LINE_BYTES;
    const lines = readLines(path, maxLine);
    const first = await nextLine(lines, path);
    if (!first) throw new RecordingError(`${path} is empty: not a davscope recording`);
    ({ header, version: fileVersion } = parseHeaderLine(first.text, path));
    const version = fileVersion;
    const warn = (w: RecordingWarning) => {
      warnings.push(w);
      options.onWarning?.(w);
    };
    for (;;) {
      let step;
      try {
        step = await lines.next();
      } catch (err) {
        throw new RecordingError(`cannot read ${path}: ${(err as Error).message}`);
      }
      if (step.done) break;
      const line = step.value;
      if ('overlong' in line) {
        warn({ line: line.number, kind: 'corrupt-line', message: `line ${line.number} is ${line.length} bytes long, more than --max-line (${maxLine} bytes), and was skipped unread; raise --max-line to read it` });
        continue;
      }
      if (line.text.trim() === '') continue;
      let problem: string;
      try {
        const wire = upgradeExchange(JSON.parse(line.text), version);
        const p = wireExchangeProblem(wire);
        if (p === undefined) {
          yield fromWire(wire as WireExchange);
          continue;
        }
        problem = p;
      } catch (err) {
        problem = err instanceof SyntaxError ? `not valid JSON (${err.message})` : (err as Error).message;
      }
      if (!line.terminated) {
        warn({ line: line.number, kind: 'torn-last-line', message: `line ${line.number} is incomplete (the recording was cut off mid-write, e.g. the process was killed) and was skipped` });
      } else {
        warn({ line: line.number, kind: 'corrupt-line', message: `line ${line.number} is not a valid exchange and was skipped: ${problem}` });
      }
    }
  }

  return {
    path,
    get header() {
      return header;
    },
    get fileVersion() {
      return fileVersion;
    },
    get warnings() {
      return warnings;
    },
    [Symbol.asyncIterator]: () => iterate(),
  };
}
