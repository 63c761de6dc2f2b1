// The page's intercept actions: POST /api/intercept {enabled, filter} turns it on or off;
// POST /api/intercept/ID/continue continues a held request, edited when the JSON carries
// {method, target, headers, body}; POST /api/intercept/ID/abort aborts it (the client gets 502).
import type { WriteRoute } from '../api-write.ts';
import { checkRequestParts, withFraming } from '../inspector-send.ts';
import { FilterError } from '../../rules/filter/request-filter.ts';
import type { EditedResponse, InterceptHolds } from './holds.ts';
import { STATUS_CODES } from 'node:http';
import { framedByLength, headerListProblem } from '../message-edits.ts';
import type { HeldRequest } from '../../rules/model/protocol.ts';

export function interceptRoutes(holds: InterceptHolds, ctx: { upstream: URL; proxyHost: () => string; maxBody: number }): WriteRoute[] {
  const gone = (id: string) => ({ status: 404, value: { error: `no request ${id} is held (it was already continued, aborted, timed out, or its client left)` } });
  return [
    {
      path: '/api/intercept',
      async run(body) {
        const v = (body ?? {}) as { enabled?: unknown; filter?: unknown; responses?: boolean };
        if (typeof v.enabled !== 'boolean') return { status: 400, value: { error: 'send {"enabled": true|false, "filter": "method:PUT"}' } };
        const filter = v.filter === undefined ? holds.state().filter : v.filter;
        if (typeof filter !== 'string') return { status: 400, value: { error: 'filter must be text such as "method:PUT path:/calendars/"' } };
        if (v.responses !== undefined && typeof v.responses !== 'boolean') return { status: 400, value: { error: 'responses must be true or false' } };
        try {
          holds.configure(v.enabled, filter, v.responses);
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
        if (v.method === undefined && v.target === undefined && v.status === undefined && v.headers === undefined && v.body === undefined && v.bodyBase64 === undefined) {
          return holds.decide(id!, { kind: 'continue' }) ? { status: 200, value: { id, outcome: 'continued' } } : gone(id!);
        }
        if (!held.editable) return { status: 409, value: { error: held.reason ?? 'this request cannot be edited: continue it unchanged or abort it' } };
        if (held.phase === 'response') {
          const edit = checkResponseEdit(v, held, ctx.maxBody);
          if ('error' in edit) return { status: 400, value: { error: edit.error } };
          return holds.decide(id!, { kind: 'continue', edit }) ? { status: 200, value: { id, outcome: 'edited' } } : gone(id!);
        }
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

/** A held response's edit: what it leaves out stays as the upstream sent it; framed by Content-Length. */
function checkResponseEdit(v: Record<string, unknown>, held: HeldRequest, maxBody: number): EditedResponse | { error: string } {
  const status = v.status ?? held.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) return { error: 'status must be a whole number from 200 to 599' };
  const statusText = v.statusText ?? (v.status === undefined ? held.statusText : undefined) ?? STATUS_CODES[status] ?? '';
  if (typeof statusText !== 'string' || /[\r\n]/.test(statusText)) return { error: 'statusText must be one line of text' };
  const headers = v.headers ?? held.headers;
  const headersProblem = headerListProblem(headers);
  if (headersProblem) return { error: headersProblem };
  let body: Buffer;
  if (typeof v.bodyBase64 === 'string') body = Buffer.from(v.bodyBase64, 'base64');
  else if (typeof v.body === 'string') body = Buffer.from(v.body, 'utf8');
  else if (held.body) body = Buffer.from(held.body.data, held.body.encoding === 'base64' ? 'base64' : 'utf8');
  else body = Buffer.alloc(0);
  if (body.length > maxBody) return { error: `the body is over --max-body (${maxBody} bytes)` };
  return { status, statusText, headers: framedByLength(headers as [string, string][], body.length), body };
}
