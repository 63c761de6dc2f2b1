// The form the store keeps an exchange in (see store.ts): its list row, and a serialized copy
// without its findings (those stay interned objects): the UTF-8 JSON of its wire form, the shape
// /api/exchanges/:id answers with. JSON.stringify is native; v8.serialize, tried first, walks
// bodies through JavaScript hooks and was a fifth of the analysis worker's time. The analysis worker makes it beside the
// findings, so the forwarding thread never serializes; for an exchange analysed in the main
// thread (no worker) the store makes it itself.
import type { Exchange } from '../rules/model/exchange.ts';
import { exchangeFromWire, exchangeToWire, type WireExchange } from '../rules/model/wire.ts';
import { rowOf, type ExchangeRow } from '../rules/model/protocol.ts';

export interface StoredForm {
  readonly row: ExchangeRow;
  readonly blob: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function makeStoredForm(ex: Exchange): StoredForm {
  // TextEncoder gives the bytes their own buffer (never a slice of a shared pool), so they can be
  // moved between threads and freed one by one.
  return { row: rowOf(ex, 'analysed'), blob: encoder.encode(JSON.stringify(exchangeToWire({ ...ex, findings: [] }))) };
}

export function readStoredForm(blob: Uint8Array, findings: Exchange['findings']): Exchange {
  return { ...exchangeFromWire(JSON.parse(decoder.decode(blob)) as WireExchange), findings };
}

/** Forms made ahead (by the worker), by the exchange they belong to, until the store takes them. */
const madeAhead = new WeakMap<Exchange, StoredForm>();

export function attachStoredForm(ex: Exchange, form: StoredForm): void {
  madeAhead.set(ex, form);
}

/** Whether a form was made ahead for this exchange (and not taken yet). */
export function hasStoredForm(ex: Exchange): boolean {
  return madeAhead.has(ex);
}

export function takeStoredForm(ex: Exchange): StoredForm {
  const form = madeAhead.get(ex);
  if (!form) return makeStoredForm(ex);
  madeAhead.delete(ex);
  return form;
}
