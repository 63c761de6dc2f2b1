// The page's intercept actions: POST /api/intercept {enabled, filter} turns it on or off;
// POST /api/intercept/ID/continue continues a held request, edited when the JSON carries
// {method, target, headers, body}; POST /api/intercept/ID/abort aborts it (the client gets 502).
import type { WriteRoute } from '../api-write.ts';
import { checkRequestParts, withFraming } from '../inspector-send.ts';
import { FilterError } from '../../rules/filter/request-filter.ts';
import type { InterceptHolds } from './holds.ts';

export function interceptRoutes(holds: InterceptHolds, ctx: { upstream: URL; proxyHost: () => string; maxBody: number }): WriteRoute[] {
  const gone = (id: string) => ({ status: 404, value: { error: `no request ${id} is held (it was already continued, aborted, timed out, or its client left)` } });
  return [
    {
      path: '/api/intercept',
      async run(body) {
        const v = (body ?? {}) as { enabled?: unknown; filter?: unknown };
        if (typeof v.enabled !== 'boolean') return { status: 400, value: { error: 'send {"enabled": true|false, "filter": "method:PUT"}' } };
        const filter = v.filter === undefined ? holds.state().filter : v.filter;
        if (typeof filter !== 'string') return { status: 400, value: { error: 'filter must be text such as "method:PUT path:/calendars/"' } };
        try {
          holds.configure(v.enabled, filter);
        } catch (err) {
          if (err instanceof FilterError) return { status: 400, value: { error: err.message } };
          throw err;
        }
        return { status: 200, value: holds.state() };
      },
    },
    {
      path: /^\/api\/intercept\/([^/]+)\/continue$/,
      async run(body, [, id]) {
        const held = holds.get(id!);
        if (!held) return gone(id!);
        const v = (body ?? {}) as Record<string, unknown>;
        if (v.method === undefined && v.target === undefined && v.headers === undefined && v.body === undefined && v.bodyBase64 === undefined) {
          return holds.decide(id!, { kind: 'continue' }) ? { status: 200, value: { id, outcome: 'continued' } } : gone(id!);
        }
        if (!held.editable) return { status: 409, value: { error: held.reason ?? 'this request cannot be edited: continue it unchanged or abort it' } };
        // What the edit leaves out stays as the client sent it, the body included.
        const heldBody = v.body !== undefined || v.bodyBase64 !== undefined ? {} : held.body?.encoding === 'base64' ? { bodyBase64: held.body.data } : { body: held.body?.data };
        const parts = checkRequestParts({ method: held.method, target: held.target, headers: held.headers, ...heldBody, ...v },  { upstream: ctx.upstream, proxyHost: ctx.proxyHost(), maxBody: ctx.maxBody });
        if (!parts.ok) return { status: parts.status, value: { error: parts.error } };
        const { method, target, headers, body: edited } = parts.request;
        const edit = { method, target, headers: withFraming(headers, edited.length, ctx.proxyHost()), body: edited };
        return holds.decide(id!, { kind: 'continue', edit }) ? { status: 200, value: { id, outcome: 'edited' } } : gone(id!);
      },
    },
    {
      path: /^\/api\/intercept\/([^/]+)\/abort$/,
      async run(_body, [, id]) {
        return holds.decide(id!, { kind: 'abort' }) ? { status: 200, value: { id, outcome: 'aborted' } } : gone(id!);
      },
    },
  ];
}
