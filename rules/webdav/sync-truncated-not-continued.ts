// Flags a client whose next sync-collection after a truncated answer (507) resends the old token: it restarted instead of continuing.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { resourceKey } from '../model/paths.ts';
import { dav } from '../parse/xml/namespaces.ts';

const shown = (token: string): string => (token === '' ? '(empty)' : token);

export default defineRule({
  id: 'webdav/sync-truncated-not-continued',
  severity: 'warning',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'After a sync-collection answer truncated with a 507 for the collection, the client\'s next sync of that collection sent the old token again instead of the one the truncated answer returned.',
    specs: [rfc(6578, '3.6')],
    details:
      'A server that truncates a sync-collection answer (a 207 with a 507 response for the collection itself) returns the changes it ' +
      'sent and a new DAV:sync-token that covers exactly those; the client continues with that token until no 507 comes back. A client ' +
      'that sends the token it had before (or an empty one again, for a truncated initial sync) throws the progress away, and against a ' +
      'server that truncates at the same place it gets the same first page for ever and never sees the rest. ' +
      'davscope flags only this certain form, on the next sync-collection of the same collection. It does not flag a client that has ' +
      'not continued yet: the new token stays valid, so continuing at the next sync cycle, minutes later, is allowed, and the engine sees ' +
      'a bounded window of recent exchanges of all traffic, so "never continued" could only be guessed from an arbitrary amount of ' +
      'later traffic and would land on an unrelated request. A truncated answer without a new token (the client then has nothing else ' +
      'to send) is not judged. webdav/sync-truncated notes the truncation itself.',
  },
  messages: {
    restarted: {
      message: 'sync-collection on {path} sent token {token} again after a truncated answer ({count} changes, 507) that returned {next}',
      fix: 'After a 507 for the collection, send the next sync-collection with the token that answer returned, and repeat until no 507 comes back.',
    },
  },
  check(view, context) {
    const token = view.requestSyncToken;
    if (token === undefined) return [];
    const key = view.key;
    const recent = context.recent;
    for (let i = recent.length - 1; i >= 0; i--) {
      const prev = recent[i]!;
      if (prev.method !== 'REPORT' || prev.key !== key || prev.requestSyncToken === undefined) continue;
      // The latest earlier sync of this collection is the one the client reacts to; older ones were answered already.
      if (prev.requestSyncToken !== token || prev.status !== 207) return [];
      const next = prev.responseSyncToken;
      if (!next || next === token) return [];
      const entries = prev.multistatus ?? [];
      if (!entries.some((e) => e.status === 507 && resourceKey(e.href) === key)) return [];
      return [
        {
          messageId: 'restarted',
          data: { path: view.path, token: shown(token), next, count: entries.length - 1 },
          location: { side: 'request', xmlElement: dav('sync-token') },
        },
      ];
    }
    return [];
  },
});
