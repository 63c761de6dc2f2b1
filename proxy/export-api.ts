// "Save" from the page (POST /api/export): the session, or the exchanges the page names, as a
// davscope recording or a HAR file, redacted as --record redacts unless the user keeps the
// secrets. Secrets are gathered from every exchange first, so a password one exchange reveals is
// scrubbed from the others too. Written to the response as it is made, with backpressure.
import type { ServerResponse } from 'node:http';
import type { Exchange } from '../rules/model/exchange.ts';
import { exchangeLine, headerLine, recordingHeader } from '../rules/formats/recording/format.ts';
import { writeHar } from './har/export.ts';
import { collectSecrets, redactExchange } from './recording/redact.ts';
import { SecretSet } from './recording/secret-set.ts';
import { version } from './version.ts';

export interface ExportRequest {
  readonly format: 'recording' | 'har';
  /** The exchanges to save, by id; absent means every one the store holds. */
  readonly ids?: readonly string[];
  readonly keepSecrets: boolean;
}

/** Checks the page's JSON: {format, ids?, keepSecrets?}. */
export function checkExportRequest(value: unknown): ExportRequest | { error: string } {
  const v = (value ?? {}) as { format?: unknown; ids?: unknown; keepSecrets?: unknown };
  if (v.format !== 'recording' && v.format !== 'har') return { error: 'format must be "recording" or "har"' };
  if (v.ids !== undefined && (!Array.isArray(v.ids) || !v.ids.every((id) => typeof id === 'string'))) return { error: 'ids must be a list of exchange ids' };
  if (v.keepSecrets !== undefined && typeof v.keepSecrets !== 'boolean') return { error: 'keepSecrets must be true or false' };
  return { format: v.format, ...(v.ids ? { ids: v.ids as string[] } : {}), keepSecrets: v.keepSecrets === true };
}

/**
 * `exchanges()` gives the exchanges afresh on each call (read one at a time from the store), so
 * the two passes never hold the whole session in memory at once.
 */
export async function writeExport(res: ServerResponse, exchanges: () => Iterable<Exchange>, req: ExportRequest, opts: { upstream: string; redactHeaders?: readonly string[] }): Promise<void> {
  const secrets = new SecretSet();
  if (!req.keepSecrets) for (const ex of exchanges()) collectSecrets(ex, secrets, opts.redactHeaders);
  const redact = (ex: Exchange) => (req.keepSecrets ? ex : redactExchange(ex, { ...(opts.redactHeaders ? { headers: opts.redactHeaders } : {}), secrets }));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const name = `davscope-${stamp}.${req.format === 'har' ? 'har' : 'jsonl'}`;
  res.writeHead(200, {
    'Content-Type': req.format === 'har' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  const write = (chunk: string): Promise<void> | void => {
    if (res.destroyed) throw new Error('the page went away');
    if (!res.write(chunk)) return new Promise((resolve) => res.once('drain', () => resolve()));
  };
  if (req.format === 'har') {
    // writeHar redacts itself, with the secrets gathered above.
    await writeHar(exchanges(), write, { redact: !req.keepSecrets, secrets, ...(opts.redactHeaders ? { redactHeaders: opts.redactHeaders } : {}), davscopeVersion: version() });
  } else {
    await write(headerLine(recordingHeader({ upstream: opts.upstream, davscope: version(), redacted: !req.keepSecrets })));
    for (const ex of exchanges()) await write(exchangeLine(redact(ex)));
  }
  res.end();
}
