// Opens a dropped or picked file in the page: a davscope recording (JSON Lines) or a HAR log, then
// runs the same rules as the proxy (rules/ is pure) and returns rows for the list.
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import { rowOf, type ExchangeRow } from '../../rules/model/protocol.ts';
import { exchangeFromWire, exchangeToWire, type WireExchange } from '../../rules/model/wire.ts';
import { harToWire } from './har-import.ts';
import { RECORDING_VERSION } from '../../rules/formats/recording/format.ts';
import { OLDEST_READABLE_VERSION, upgradeExchange } from '../../rules/formats/recording/upgrade.ts';
import { wireExchangeProblem } from '../../rules/formats/recording/check-line.ts';

export interface OpenedFileResult {
  readonly format: 'davscope-recording' | 'har';
  readonly rows: ExchangeRow[];
  readonly exchanges: WireExchange[];
  readonly warnings: string[];
}

/** A davscope recording, read as the CLI reads it: any older format version lifted through the
 *  upgrade chain, each line checked, a damaged or torn line skipped with a warning. */
function parseRecording(text: string): { exchanges: WireExchange[]; warnings: string[] } {
  const lines = text.split('\n');
  const header = JSON.parse(lines[0]!) as { format?: unknown; version?: unknown };
  const version = header.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_READABLE_VERSION || version > RECORDING_VERSION) {
    throw new Error(`this page reads davscope recordings up to format version ${RECORDING_VERSION}; this one is version ${String(version)}`);
  }
  const exchanges: WireExchange[] = [];
  const warnings: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A killed recorder leaves at most a partial last line.
      warnings.push(`line ${i + 1} is not complete JSON; skipped`);
      continue;
    }
    try {
      const wire = upgradeExchange(value, version);
      const problem = wireExchangeProblem(wire);
      if (problem) warnings.push(`line ${i + 1} is not a valid exchange (${problem}); skipped`);
      else exchanges.push(wire as WireExchange);
    } catch (err) {
      warnings.push(`line ${i + 1} is not a valid exchange (${(err as Error).message}); skipped`);
    }
  }
  return { exchanges, warnings };
}

export function openFileText(text: string): OpenedFileResult {
  const trimmed = text.replace(/^\uFEFF/, '');
  const firstLine = trimmed.slice(0, trimmed.indexOf('\n') >>> 0);
  let format: OpenedFileResult['format'];
  let parsed: { exchanges: WireExchange[]; warnings: string[] };
  let head: unknown;
  try {
    head = JSON.parse(firstLine);
  } catch {
    head = undefined;
  }
  if ((head as { format?: unknown } | undefined)?.format === 'davscope-recording') {
    format = 'davscope-recording';
    parsed = parseRecording(trimmed);
  } else {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      throw new Error('this file is neither a davscope recording (JSON Lines starting with {"format":"davscope-recording",...}) nor a HAR file (JSON with a "log")');
    }
    format = 'har';
    parsed = harToWire(doc);
  }
  // The rules run in seq order on fresh session knowledge, as they did in the proxy.
  const engine = createEngine({ rules: allRules });
  const sorted = [...parsed.exchanges].sort((a, b) => a.seq - b.seq);
  const exchanges: WireExchange[] = [];
  const rows: ExchangeRow[] = [];
  for (const w of sorted) {
    const ex = exchangeFromWire(w);
    const analysed = { ...ex, findings: engine.analyse(ex) };
    rows.push(rowOf(analysed, 'analysed'));
    exchanges.push(exchangeToWire(analysed));
  }
  return { format, rows, exchanges, warnings: parsed.warnings };
}
