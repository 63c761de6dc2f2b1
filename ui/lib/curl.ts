// "Copy as curl": a shell command that repeats a captured request against the proxy, quoted so that
// nothing in captured headers or bodies can break out of the quotes. What people paste must be
// safe: the command never makes curl read a local file, and never reaches a host but the proxy.
import type { WireExchange } from '../../rules/model/wire.ts';
import { isToken } from '../../rules/model/headers.ts';
import { maskedHeaderValue } from './mask.ts';

/** POSIX single-quoting: the only character that needs care inside '...' is ' itself. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Hop-by-hop and length headers: curl computes its own, and copying them breaks the replay.
const SKIP = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-connection', 'expect']);


/**
 * The proxy's origin followed by the path and query the client sent. An absolute-form target
 * (`http://evil.example/x`) keeps only its path and query, and a `//evil/x` path stays a path, so
 * the command cannot be steered to another host; the fragment is never sent, so it is dropped.
 */
export function curlUrl(target: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let rest = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split('#')[0]!;
  if (!rest.startsWith('/')) rest = `/${rest.replace(/^\*$/, '')}`;
  return origin + rest;
}

export function curlCommand(ex: WireExchange, baseUrl: string, opts: { revealCredentials?: boolean } = {}): string {
  // --globoff: [] and {} in a path are curl URL globs otherwise; --path-as-is: keep /../ as captured.
  const parts = ['curl', '-i', '--globoff', '--path-as-is', '-X', shellQuote(ex.request.method)];
  const notes: string[] = [];
  for (const [name, value] of ex.request.headers) {
    // A header name that is not a token (`@file` is curl's "read headers from a file") is dropped.
    if (SKIP.has(name.toLowerCase()) || !isToken(name)) continue;
    // Credentials stay hidden in what is copied until the user reveals them.
    const shown = opts.revealCredentials ? value : maskedHeaderValue(name, value);
    if (shown !== value) notes.push(`${name} is hidden: reveal the credentials to copy it`);
    parts.push('-H', shellQuote(`${name}: ${shown}`));
  }
  const body = ex.request.body;
  if (body.kind === 'captured') {
    // --data-raw sends its argument as it is; --data-binary '@x' would read the file x.
    if (body.encoding === 'utf8') parts.push('--data-raw', shellQuote(body.data));
    else {
      parts.push('--data-binary', '@-');
      notes.push(`the body is binary (${body.size} bytes): pipe it in on stdin`);
    }
    if (body.truncated) notes.push(`the body was truncated at capture (${body.size} bytes on the wire)`);
  } else if (body.kind === 'unavailable') notes.push(`the body was not captured (${body.reason})`);
  parts.push(shellQuote(curlUrl(ex.request.target, baseUrl)));
  // Notes go after the command as a comment, so pasting it still runs.
  return parts.join(' ') + (notes.length ? `  # ${notes.join('; ').replace(/[\r\n]/g, ' ')}` : '');
}
