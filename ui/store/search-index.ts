// The free-text search index of one set of rows: the lower-cased searchable text per row (headers,
// and the bodies once the full exchange is loaded), cached per row object and built in the
// background after a snapshot, so the first keystroke in the filter is as fast as the next.
import type { ExchangeRow } from '../../rules/model/protocol.ts';
import type { WireExchange } from '../../rules/model/wire.ts';
import { rowHaystack } from './filter.ts';
import type { RowList } from './row-list.ts';

/** Search texts built per background slice after a snapshot (a few milliseconds' work). */
const WARM_SLICE = 4000;

/** Runs `fn` when the page is idle (or soon, outside a browser), so warming never delays a paint. */
const whenIdle: (fn: () => void) => void =
  typeof requestIdleCallback === 'function' ? (fn) => requestIdleCallback(fn, { timeout: 500 }) : (fn) => setTimeout(fn, 0);

export class SearchIndex {
  private readonly texts = new WeakMap<ExchangeRow, string>();
  /** Rows whose search text is still to be built in the background, from `warmAt` on. */
  private warmQueue: RowList | undefined;
  private warmAt = 0;
  private warmScheduled = false;

  /** `exchangeOf` gives the loaded full exchange of a row, whose bodies join its text. */
  constructor(private readonly exchangeOf: (row: ExchangeRow) => WireExchange | undefined) {}

  /** The lower-cased searchable text of a row (built now if not warmed yet). */
  readonly text = (row: ExchangeRow): string => {
    let h = this.texts.get(row);
    if (h === undefined) {
      h = rowHaystack(row);
      const ex = this.exchangeOf(row);
      if (ex) h += '\n' + bodySearchText(ex).toLowerCase();
      this.texts.set(row, h);
    }
    return h;
  };

  /** Forgets a row's text (its bodies just loaded). */
  forget(row: ExchangeRow): void {
    this.texts.delete(row);
  }

  /** Builds the texts of these rows when the page is idle, replacing any earlier queue. */
  warm(rows: RowList): void {
    this.warmQueue = rows;
    this.warmAt = 0;
    if (this.warmScheduled || rows.length === 0) return;
    this.warmScheduled = true;
    whenIdle(this.warmSlice);
  }

  private warmSlice = (): void => {
    this.warmScheduled = false;
    const rows = this.warmQueue;
    if (!rows) return;
    const end = Math.min(rows.length, this.warmAt + WARM_SLICE);
    for (const row of rows.slice(this.warmAt, end)) this.text(row);
    this.warmAt = end;
    if (end < rows.length) {
      this.warmScheduled = true;
      whenIdle(this.warmSlice);
    } else this.warmQueue = undefined;
  };
}

/** The text of the bodies of an exchange that decode as text (base64 bodies are not searched). */
export function bodySearchText(ex: WireExchange): string {
  let s = '';
  for (const body of [ex.request.body, ex.response?.body]) {
    if (body?.kind !== 'captured') continue;
    const text = body.decoded?.encoding === 'utf8' ? body.decoded.data : body.encoding === 'utf8' ? body.data : '';
    s += text + '\n';
  }
  return s;
}
