// Reads a HAR file as a stream of exchanges in file order; an entry that cannot be read is a
// warning with its index, and the file as a whole fails only when it is not HAR or is cut short.
import type { Exchange } from '../../rules/model/exchange.ts';
import { HarEntryError, harEntryToExchange } from '../../rules/formats/har/import.ts';
import { scanHar } from './scan.ts';
import { DAVSCOPE_CREATOR, type HarCreator } from '../../rules/formats/har/types.ts';

export { HarError } from './scan.ts';

export interface HarWarning {
  /** 0-based position of the entry in log.entries. */
  readonly entry: number;
  readonly message: string;
}

export interface HarReader extends AsyncIterable<Exchange> {
  readonly path: string;
  /** log.creator, once the scan has passed it. */
  readonly creator: HarCreator | undefined;
  readonly warnings: readonly HarWarning[];
}

export function readHar(path: string, options: { onWarning?(w: HarWarning): void; maxEntryBytes?: number } = {}): HarReader {
  let creator: HarCreator | undefined;
  let warnings: HarWarning[] = [];

  async function* iterate(): AsyncGenerator<Exchange> {
    warnings = [];
    creator = undefined;
    const warn = (w: HarWarning) => {
      warnings.push(w);
      options.onWarning?.(w);
    };
    for await (const event of scanHar(path, options.maxEntryBytes)) {
      if (event.kind === 'creator') {
        const c = event.value as Partial<HarCreator> | null;
        creator = { name: String(c?.name ?? ''), version: String(c?.version ?? '') };
      } else if (event.kind === 'bad-entry') {
        warn({ entry: event.index, message: event.message });
      } else if (event.kind === 'entry') {
        try {
          yield harEntryToExchange(event.value, event.index, { trustDavscope: creator?.name === DAVSCOPE_CREATOR });
        } catch (err) {
          if (!(err instanceof HarEntryError) && !(err instanceof Error && /base64/.test(err.message))) throw err;
          warn({ entry: event.index, message: `entry ${event.index} was skipped: ${err.message}` });
        }
      }
    }
  }

  return {
    path,
    get creator() {
      return creator;
    },
    get warnings() {
      return warnings;
    },
    [Symbol.asyncIterator]: () => iterate(),
  };
}
