// "Copy as curl": a shell command that repeats a captured request against the proxy, quoted so that
// nothing in captured headers or bodies can break out of the quotes.
import type { WireExchange } from '../../rules/model/wire.ts';

/** POSIX single-quoting: the only character that needs care inside '...' is ' itself. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Hop-by-hop and length headers: curl computes its own, and copying them breaks the replay.
const SKIP = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-connection', 'expect']);

export function curlCommand(ex: WireExchange, baseUrl: string): string {
  const url = new URL(ex.request.target, baseUrl).href;
  const parts = ['curl', '-i', '-X', shellQuote(ex.request.method)];
  for (const [name, value] of ex.request.headers) {
    if (SKIP.has(name.toLowerCase())) continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  const body = ex.request.body;
  const notes: string[] = [];
  if (body.kind === 'captured') {
    if (body.encoding === 'utf8') parts.push('--data-binary', shellQuote(body.data));
    else {
      parts.push('--data-binary', '@-');
      notes.push(`the body is binary (${body.size} bytes): pipe it in on stdin`);
    }
    if (body.truncated) notes.push(`the body was truncated at capture (${body.size} bytes on the wire)`);
  } else if (body.kind === 'unavailable') notes.push(`the body was not captured (${body.reason})`);
  parts.push(shellQuote(url));
  // Notes go after the command as a comment, so pasting it still runs.
  return parts.join(' ') + (notes.length ? `  # ${notes.join('; ').replace(/[\r\n]/g, ' ')}` : '');
}
