// POST /api/interop: the inspector sends the live session (or the rows it names) to interop targets
// and gets the same table `davscope interop` writes. Only targets given on the command line with
// --interop-target are reachable: a name or URL typed into the page is matched against them and
// refused otherwise, so the page can never make davscope send to a host of its choosing. The
// session's own credentials are redacted before anything leaves: a target gets only the
// credentials --interop-auth gives it.
import type { ServerResponse } from 'node:http';
import type { Exchange } from '../../rules/model/exchange.ts';
import type { WriteRoute } from '../api-write.ts';
import { authorizationRedacted, redactExchange } from '../recording/redact.ts';
import { runInterop, type CellBody, type InteropTarget } from './run-interop.ts';
import { renderJson } from './report-json.ts';
import { SESSION_COLUMN, unknownColumn } from './target-options.ts';

export interface PageInteropContext {
  readonly targets: readonly InteropTarget[];
  /** The completed exchanges of the session, oldest first (those named, when ids are given). */
  readonly exchanges: (ids: ReadonlySet<string> | undefined) => Exchange[];
  /** The proxy's upstream, the session column's URL. */
  readonly upstream: string;
  readonly insecure: boolean;
  readonly timeoutMs: number;
  readonly redactHeaders?: readonly string[];
}

/** Most exchanges one run sends to each target: the page says to pick fewer rows. */
export const MAX_RUN_EXCHANGES = 5000;

/** Most body text one report carries to the page (the rest say so): a run of thousands of exchanges stays a few MB. */
export const REPORT_BODY_BUDGET = 8 << 20;

/** The response bodies for the page's rows to open, [row][column] (null: no body), until the budget is spent. */
export function withinBudget(bodies: readonly (readonly CellBody[])[], budget = REPORT_BODY_BUDGET): ({ contentType?: string; text: string } | null)[][] {
  let left = budget;
  return bodies.map((row) =>
    row.map((b) => {
      if (!b) return null;
      if (b.text.length > left) return { text: '(not in this report: its body budget is spent; record the session and use davscope interop --format html)' };
      left -= b.text.length;
      return b;
    }),
  );
}

/** The request the page posts: targets typed or picked (names or URLs), optional rows, optional reference column. */
export interface InteropRunRequest {
  readonly targets: readonly InteropTarget[];
  readonly ids?: readonly string[];
  readonly reference?: string;
}

const shown = (t: InteropTarget) => `${t.name}=${t.url.href}`;

/** The configured target a typed word names: its NAME, or its URL (scheme optional, trailing slash ignored). */
export function resolveTyped(typed: string, targets: readonly InteropTarget[]): InteropTarget | undefined {
  const word = typed.trim();
  const byName = targets.find((t) => t.name === word);
  if (byName) return byName;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(word) ? word : `http://${word}`);
  } catch {
    return undefined;
  }
  const key = (u: URL) => `${u.protocol}//${u.host}${u.pathname.replace(/\/?$/, '/')}`;
  return url.username || url.password ? undefined : targets.find((t) => key(t.url) === key(url));
}

export function checkInteropRequest(body: unknown, targets: readonly InteropTarget[]): InteropRunRequest | { status: number; error: string } {
  if (targets.length === 0) {
    return { status: 403, error: 'davscope was started without --interop-target: restart it with --interop-target NAME=URL (repeatable) to name the servers the page may send this session to' };
  }
  const v = (body ?? {}) as { targets?: unknown; ids?: unknown; reference?: unknown };
  if (!Array.isArray(v.targets) || v.targets.length === 0 || !v.targets.every((t) => typeof t === 'string' && t.trim() !== '')) {
    return { status: 400, error: `send {"targets": ["NAME or URL", ...]}, naming some of: ${targets.map(shown).join(', ')}` };
  }
  const picked: InteropTarget[] = [];
  for (const typed of v.targets as string[]) {
    const t = resolveTyped(typed, targets);
    if (!t) {
      return {
        status: 403,
        error: `"${typed}" is not an interop target: the page sends only to the servers given with --interop-target (${targets.map(shown).join(', ')}); restart davscope with --interop-target NAME=URL to add one`,
      };
    }
    if (!picked.includes(t)) picked.push(t);
  }
  if (v.ids !== undefined && (!Array.isArray(v.ids) || !v.ids.every((id) => typeof id === 'string'))) return { status: 400, error: '"ids", when given, is a list of exchange ids' };
  if (v.reference !== undefined && typeof v.reference !== 'string') return { status: 400, error: '"reference", when given, is a column name' };
  return { targets: picked, ...(v.ids ? { ids: v.ids as string[] } : {}), ...(v.reference !== undefined ? { reference: v.reference as string } : {}) };
}

/** The route; one run at a time. Its answer is NDJSON: {"progress"} lines, then {"report"} or {"error"}. */
export function interopRoute(ctx: PageInteropContext): WriteRoute {
  let running = false;
  return {
    path: '/api/interop',
    async run(body) {
      const asked = checkInteropRequest(body, ctx.targets);
      if ('error' in asked) return { status: asked.status, value: { error: asked.error } };
      if (running) return { status: 409, value: { error: 'an interop run is going already: wait for its table (one run at a time)' } };
      const exchanges = ctx.exchanges(asked.ids ? new Set(asked.ids) : undefined);
      if (exchanges.length === 0) return { status: 400, value: { error: asked.ids ? 'none of the named exchanges is in the store (complete ones only)' : 'the session has no completed exchange to send yet' } };
      if (exchanges.length > MAX_RUN_EXCHANGES) {
        return { status: 413, value: { error: `${exchanges.length} exchanges are more than one run sends (${MAX_RUN_EXCHANGES}): filter the list and run on the shown rows, or record the session and use davscope interop` } };
      }
      const unknown = unknownColumn(asked.reference, SESSION_COLUMN, asked.targets);
      if (unknown) return { status: 400, value: { error: unknown } };
      running = true;
      return { stream: (res) => stream(res, exchanges, asked).finally(() => (running = false)) };
    },
  };

  async function stream(res: ServerResponse, exchanges: Exchange[], asked: InteropRunRequest): Promise<void> {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    const line = (v: unknown) => void (res.destroyed || res.write(JSON.stringify(v) + '\n'));
    line({ started: { targets: asked.targets.map((t) => t.name), exchanges: exchanges.length } });
    // What leaves for another server carries no credential of this session's.
    const sent = exchanges.map((ex) => redactExchange(ex, { ...(ctx.redactHeaders ? { headers: ctx.redactHeaders } : {}) }));
    const without = asked.targets.filter((t) => !t.authorization).map((t) => t.name);
    const redacted = sent.some(authorizationRedacted);
    if (redacted && without.length) line({ warning: `the session's credentials are not sent to other servers: ${without.join(', ')} will likely answer 401; start davscope with --interop-auth NAME=USER:PASSWORD` });
    let last = 0;
    try {
      const result = await runInterop(sent, asked.targets, {
        recordedName: SESSION_COLUMN,
        recordedFrom: ctx.upstream,
        recordingFile: 'the live session',
        ...(asked.reference !== undefined ? { reference: asked.reference } : {}),
        insecure: ctx.insecure,
        timeoutMs: ctx.timeoutMs,
        onProgress: (target, n, total) => {
          // At most a line every 100 ms, and always a target's last.
          const now = Date.now();
          if (n === total || now - last >= 100) {
            last = now;
            line({ progress: { target, n, total } });
          }
        },
      });
      const report = JSON.parse(renderJson(result, `the live session (${exchanges.length} exchanges)`)) as Record<string, unknown>;
      line({ report: { ...report, bodies: withinBudget(result.bodies) } });
    } catch (err) {
      line({ error: `the interop run failed: ${(err as Error)?.message ?? String(err)}` });
    }
    res.end();
  }
}
