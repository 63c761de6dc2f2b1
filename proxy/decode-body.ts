// Decodes gzip/deflate/br bodies for inspection only; the forwarded bytes were never touched.
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { Body, Exchange } from '../rules/model/exchange.ts';

const decoders: Record<string, (buf: Buffer, opts: zlib.ZlibOptions & zlib.BrotliOptions) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

/** Decoded output is bounded so a compression bomb cannot exhaust memory. */
async function decode(body: Body, maxOutput: number): Promise<Body> {
  if (body.kind !== 'captured' || !body.contentEncoding || body.truncated) return body;
  const decoder = decoders[body.contentEncoding];
  if (!decoder) return body;
  try {
    const decoded = await decoder(Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength), { maxOutputLength: maxOutput });
    return { ...body, decoded };
  } catch {
    return body; // undecodable: the UI shows the raw bytes and says why
  }
}

export async function decodeBodies(ex: Exchange, maxOutput: number): Promise<Exchange> {
  const request = await decode(ex.request.body, maxOutput);
  const response = ex.response ? await decode(ex.response.body, maxOutput) : undefined;
  if (request === ex.request.body && response === ex.response?.body) return ex;
  return {
    ...ex,
    request: { ...ex.request, body: request },
    ...(ex.response && response ? { response: { ...ex.response, body: response } } : {}),
  };
}
