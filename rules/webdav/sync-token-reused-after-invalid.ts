// Flags a sync-collection that sends again a sync-token the server refused with DAV:valid-sync-token.
import { defineRule } from '../engine/define-rule.ts';
import type { ExchangeView } from '../engine/view.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { child, textOf } from '../parse/xml/query.ts';

const SYNC_TOKEN = dav('sync-token');
const VALID_SYNC_TOKEN = dav('valid-sync-token');

/** Whether a later answer handed out that token for the collection again (then sending it is right). */
function reissued(later: ExchangeView, key: string, token: string): boolean {
  if (later.key !== key || later.status !== 207) return false;
  if (later.method === 'REPORT') return later.requestSyncToken !== undefined && later.responseSyncToken === token;
  if (later.method !== 'PROPFIND') return false;
  for (const e of later.multistatus ?? []) {
    if (resourceKey(e.href) !== key) continue;
    for (const ps of e.propstats) if (ps.status !== undefined && ps.status < 300 && textOf(child(ps.prop, SYNC_TOKEN)).trim() === token) return true;
  }
  return false;
}

export default defineRule({
  id: 'webdav/sync-token-reused-after-invalid',
  severity: 'warning',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'After a sync-collection was refused with DAV:valid-sync-token, the client sent the same token for that collection again instead of starting over with an empty one.',
    specs: [rfc(6578, '3.2')],
    details:
      'DAV:valid-sync-token says the server no longer knows the token (expired history, a recreated collection, a restored ' +
      'backup, or a token it never issued). It will not know it on the next try either: RFC 6578 §3.2 has the client start a ' +
      'new synchronization with an empty DAV:sync-token and reconcile its copy by href and ETag. A client that resends the token ' +
      'loops on the refusal and never syncs again. The status varies by server (sabre/dav and Radicale 403, others 409, 400 or 410), ' +
      'so davscope goes by the precondition element, not the status: a bare 403 without it (a permission problem) is not judged. ' +
      'Only the same collection counts, and not when the server handed out that same token again after refusing it.',
  },
  messages: {
    reused: {
      message: 'sync-collection on {path} resends sync-token {token}, which the server refused ({status}, DAV:valid-sync-token)',
      fix: 'Drop the refused token, send sync-collection with an empty DAV:sync-token, reconcile the local copy by href and ETag, and keep the token that answer returns.',
    },
  },
  check(view, context) {
    const token = view.requestSyncToken;
    if (!token) return [];
    const key = view.key;
    const recent = context.recent;
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      // Cheap tests first: the condition is parsed again only for a refused REPORT on this collection with this token.
      if (prev.method !== 'REPORT' || prev.key !== key || prev.status === undefined || prev.status < 400) continue;
      if (prev.requestSyncToken !== token || !prev.conditions.some((c) => c.name === VALID_SYNC_TOKEN)) continue;
      for (let j = i + 1; j < recent.length; j++) if (reissued(recent[j]!, key, token)) return [];
      return [{ messageId: 'reused', data: { path: view.path, token, status: prev.status }, location: { side: 'request', xmlElement: SYNC_TOKEN } }];
    }
    return [];
  },
});
