// The form the store keeps an exchange in (see store.ts): its list row, and a serialized copy
// without its findings (those stay interned objects). The analysis worker makes it beside the
// findings, so the forwarding thread never serializes; for an exchange analysed in the main
// thread (no worker) the store makes it itself.
import v8 from 'node:v8';
import type { Exchange } from '../rules/model/exchange.ts';
import { rowOf, type ExchangeRow } from '../rules/model/protocol.ts';

export interface StoredForm {
  readonly row: ExchangeRow;
  readonly blob: Uint8Array;
}

export function makeStoredForm(ex: Exchange): StoredForm {
  return { row: rowOf(ex, 'analysed'), blob: v8.serialize({ ...ex, findings: [] }) };
}

export function readStoredForm(blob: Uint8Array, findings: Exchange['findings']): Exchange {
  return { ...(v8.deserialize(blob) as Exchange), findings };
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
