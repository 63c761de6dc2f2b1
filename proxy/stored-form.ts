// The form the store keeps an exchange in (see store.ts): its list row, and one serialized copy
// without its findings (those stay interned objects). The copy is the exchange as JSON with each
// body replaced by its place in a byte tail: [u32 JSON length][JSON][body bytes...]. Bodies stay
// raw: base64 or UTF-8 decoding a capped 4 MB body for a copy nobody may open cost more memory
// than the 64 MB a 200 MB transfer may add, and v8.serialize (tried first) walks bodies through
// JavaScript hooks and was a fifth of the analysis worker's time. The analysis worker makes the
// form beside the findings, so the forwarding thread never serializes; for an exchange analysed
// in the main thread (no worker) the store makes it itself.
import type { Body, Exchange } from '../rules/model/exchange.ts';
import { rowOf, type ExchangeRow } from '../rules/model/protocol.ts';

export interface StoredForm {
  readonly row: ExchangeRow;
  readonly blob: Uint8Array;
}

/** Where a body's bytes sit in the tail. */
interface BytesRef {
  readonly at: number;
  readonly length: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function makeStoredForm(ex: Exchange): StoredForm {
  const tail: Uint8Array[] = [];
  let tailBytes = 0;
  const ref = (bytes: Uint8Array): BytesRef => {
    tail.push(bytes);
    tailBytes += bytes.byteLength;
    return { at: tailBytes - bytes.byteLength, length: bytes.byteLength };
  };
  const strip = (b: Body) => (b.kind === 'captured' ? { ...b, bytes: ref(b.bytes), ...(b.decoded ? { decoded: ref(b.decoded) } : {}) } : b);
  const meta = {
    ...ex,
    findings: [],
    request: { ...ex.request, body: strip(ex.request.body) },
    ...(ex.response ? { response: { ...ex.response, body: strip(ex.response.body) } } : {}),
  };
  const json = encoder.encode(JSON.stringify(meta));
  // A fresh ArrayBuffer of its own (never a slice of a shared pool): it moves between threads and is freed alone.
  const blob = new Uint8Array(4 + json.byteLength + tailBytes);
  new DataView(blob.buffer).setUint32(0, json.byteLength);
  blob.set(json, 4);
  let at = 4 + json.byteLength;
  for (const bytes of tail) {
    blob.set(bytes, at);
    at += bytes.byteLength;
  }
  return { row: rowOf(ex, 'analysed'), blob };
}

export function readStoredForm(blob: Uint8Array, findings: Exchange['findings']): Exchange {
  const jsonLength = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0);
  const base = 4 + jsonLength;
  const meta = JSON.parse(decoder.decode(blob.subarray(4, base))) as Exchange;
  const bytesOf = (r: BytesRef) => blob.slice(base + r.at, base + r.at + r.length);
  const unstrip = (b: Body): Body => {
    if (b.kind !== 'captured') return b;
    const stored = b as unknown as { bytes: BytesRef; decoded?: BytesRef };
    return { ...b, bytes: bytesOf(stored.bytes), ...(stored.decoded ? { decoded: bytesOf(stored.decoded) } : {}) };
  };
  return {
    ...meta,
    request: { ...meta.request, body: unstrip(meta.request.body) },
    ...(meta.response ? { response: { ...meta.response, body: unstrip(meta.response.body) } } : {}),
    findings,
  };
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
