// Reads a HAR 1.2 log into wire exchanges for the page, through the same mapping `davscope lint`
// and `export` use (rules/formats/har/import.ts), so a file opened in the page reads as it does on the CLI.
import { HarEntryError, harEntryToExchange } from '../../rules/formats/har/import.ts';
import { DAVSCOPE_CREATOR } from '../../rules/formats/har/types.ts';
import { exchangeToWire, type WireExchange } from '../../rules/model/wire.ts';

export function harToWire(doc: unknown): { exchanges: WireExchange[]; warnings: string[] } {
  const log = (doc as { log?: { entries?: unknown; creator?: { name?: unknown } } } | null)?.log;
  if (!log || !Array.isArray(log.entries)) throw new Error('not a HAR file: no log.entries list');
  // Only davscope's own files carry _davscope fields worth trusting (HAR 1.2: ignore others' custom fields).
  const trustDavscope = log.creator?.name === DAVSCOPE_CREATOR;
  const warnings: string[] = [];
  const exchanges: WireExchange[] = [];
  log.entries.forEach((entry: unknown, i: number) => {
    try {
      exchanges.push(exchangeToWire(harEntryToExchange(entry, i, { trustDavscope })));
    } catch (err) {
      if (!(err instanceof HarEntryError)) throw err;
      warnings.push(`entry ${i + 1}: ${err.message}; skipped`);
    }
  });
  return { exchanges, warnings };
}
