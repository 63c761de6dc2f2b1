// The "truncated sync" answer (RFC 6578 §3.6): the first members of a sync-collection 207, a 507
// for the collection itself, and a sync-token from which the rest can still be fetched. Works on the
// text, so what is kept stays byte for byte what the server sent. Pure.
import { parseXml } from '../parse/xml/scan.ts';
import { escapeRegExp, escapeXml } from '../lib/escape.ts';

/**
 * The 207 cut to its first `keep` responses plus `collection` answered 507, with `token` as the
 * sync-token (the request's own, so a client that continues gets the rest); undefined when the
 * body is not a DAV:multistatus.
 */
export function truncateSyncAnswer(body: string, keep: number, collection: string, token: string): string | undefined {
  const parsed = parseXml(body);
  if (!parsed.ok || parsed.doc.root.name !== '{DAV:}multistatus') return undefined;
  const prefix = /<([A-Za-z_][\w.-]*:)?multistatus\b/.exec(body)?.[1] ?? '';
  const p = escapeRegExp(prefix);
  const responses = [...body.matchAll(new RegExp(`<${p}response[\\s>][\\s\\S]*?</${p}response\\s*>`, 'g'))];
  const first = responses[0]?.index;
  const afterLast = responses.length ? responses.at(-1)!.index! + responses.at(-1)![0].length : undefined;
  const kept = responses.slice(0, keep).map((m) => m[0]).join('\n');
  const insufficient = `<${prefix}response><${prefix}href>${escapeXml(collection)}</${prefix}href><${prefix}status>HTTP/1.1 507 Insufficient Storage</${prefix}status></${prefix}response>`;
  const middle = `${kept}${kept ? '\n' : ''}${insufficient}`;
  let out = first === undefined ? body.replace(new RegExp(`(<${p}multistatus\\b[^>]*>)`), `$1\n${middle}`) : body.slice(0, first) + middle + body.slice(afterLast);
  out = out.replace(new RegExp(`<${p}sync-token\\s*/>|<${p}sync-token\\s*>[\\s\\S]*?</${p}sync-token\\s*>`), `<${prefix}sync-token>${escapeXml(token)}</${prefix}sync-token>`);
  return parseXml(out).ok ? out : undefined;
}
