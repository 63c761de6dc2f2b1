// Runs `davscope interop`: the client side of a recording sent to every target at once (each in
// recorded order, through replay send's playSession), a few discovery probes per target, and the
// pure table of rules/interop/ built from what came back.
import type { Exchange, HeaderPair } from '../../rules/model/exchange.ts';
import { bodyText } from '../../rules/model/body.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { rawPathOf } from '../../rules/model/paths.ts';
import { createEngine } from '../../rules/engine/engine.ts';
import { allRules } from '../../rules/registry.ts';
import { buildRows, summarise, type CellInput, type InteropColumn, type InteropRow, type ServerSummary } from '../../rules/interop/table.ts';
import { capabilitiesOf, type Capabilities } from '../../rules/interop/capabilities.ts';
import { playSession, sendExchange } from '../replay/resend.ts';
import { pathMapper, type PathRebase } from '../replay/resend-request.ts';
import http from 'node:http';
import https from 'node:https';

export interface InteropTarget {
  readonly name: string;
  readonly url: URL;
  readonly rebase: readonly PathRebase[];
  /** An Authorization value standing in for the credentials the recording redacted. */
  readonly authorization?: string;
}

export interface InteropOptions {
  /** The first column's name (the recording's own answers). */
  readonly recordedName: string;
  readonly recordedFrom: string;
  readonly recordingFile: string;
  readonly reference?: string;
  readonly insecure?: boolean;
  readonly timeoutMs?: number;
  /** Called after each exchange a target answered (n of total). */
  readonly onProgress?: (target: string, n: number, total: number) => void;
}

/** The response body of each cell as text, for the HTML report's side-by-side view. */
export type CellBody = { readonly contentType?: string; readonly text: string } | undefined;

export interface InteropResult {
  readonly columns: readonly InteropColumn[];
  readonly rows: readonly InteropRow[];
  readonly summary: readonly ServerSummary[];
  readonly capabilities: readonly Capabilities[];
  /** bodies[row][column]. */
  readonly bodies: readonly (readonly CellBody[])[];
  readonly reference?: string;
}

const BODY_SHOWN = 256 << 10;

function bodyOf(ex: Exchange | undefined): CellBody {
  const res = ex?.response;
  if (!res) return undefined;
  const text = bodyText(res.body);
  if (text === undefined) return res.body.kind === 'none' ? undefined : { text: `(${res.body.kind === 'unavailable' ? res.body.reason : 'body not shown'})` };
  const contentType = getHeader(res.headers, 'content-type');
  return { ...(contentType ? { contentType } : {}), text: text.length > BODY_SHOWN ? text.slice(0, BODY_SHOWN) + '\n… (cut for the report)' : text };
}

/** A discovery request to the target, as the Exchange it became. */
function probe(target: InteropTarget, method: string, path: string, headers: HeaderPair[], body: string | undefined, opts: InteropOptions, agent: http.Agent): Promise<Exchange> {
  const bytes = body === undefined ? undefined : new TextEncoder().encode(body);
  const all: HeaderPair[] = [['Host', target.url.host], ...headers, ...(target.authorization ? [['Authorization', target.authorization] as HeaderPair] : []), ...(bytes ? [['Content-Length', String(bytes.length)] as HeaderPair] : [])];
  return sendExchange({ method, path, headers: all, ...(bytes ? { body: bytes } : {}) }, target.url, agent, { target: target.url, insecure: opts.insecure ?? false, timeoutMs: opts.timeoutMs ?? 30_000 }, { id: `probe-${method}`, seq: 0, source: 'composed' });
}

const PROPFIND_CAPS =
  '<?xml version="1.0" encoding="utf-8"?>\n<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:resourcetype/><D:supported-report-set/><C:supported-calendar-component-set/><C:max-resource-size/></D:prop></D:propfind>';

/** The calendar collection the session worked in, on this target: the first MKCALENDAR, else the parent of the first .ics PUT. */
function calendarPath(session: readonly Exchange[]): string | undefined {
  const mk = session.find((ex) => ex.request.method.toUpperCase() === 'MKCALENDAR' && ex.response && ex.response.status < 300);
  if (mk) return rawPathOf(mk.request.target).replace(/\/?$/, '/');
  const put = session.find((ex) => ex.request.method.toUpperCase() === 'PUT');
  return put ? rawPathOf(put.request.target).replace(/[^/]*$/, '') : undefined;
}

interface TargetRun {
  readonly error?: string;
  readonly cells: CellInput[];
  readonly session: Exchange[];
  readonly probes: Exchange[];
}

async function runTarget(recorded: readonly Exchange[], target: InteropTarget, opts: InteropOptions): Promise<TargetRun> {
  const agent = new (target.url.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: false });
  try {
    // The OPTIONS probe first: it says whether the target answers at all, before a whole session of connection errors.
    const options = await probe(target, 'OPTIONS', target.url.pathname, [], undefined, opts, agent);
    if (!options.response) {
      const code = options.error?.code ?? 'error';
      const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ? ' (pass --insecure to accept a certificate that does not verify)' : '';
      return { error: `unreachable: ${code} ${options.error?.message ?? ''}`.trim() + hint, cells: [], session: [], probes: [options] };
    }
    const cells: CellInput[] = [];
    const session: Exchange[] = [];
    const base = recorded[0] ? new URL(recorded[0].upstream).pathname : '/';
    const toRecordedPath = pathMapper(target.url.pathname, base, target.rebase.map((r) => ({ from: r.to, to: r.from })));
    await playSession(recorded, { target: target.url, rebase: target.rebase, ...(target.authorization ? { authorization: target.authorization } : {}), insecure: opts.insecure ?? false, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }, (p) => {
      cells.push({ ...(p.replayed ? { exchange: p.replayed, findings: p.replayedFindings ?? [] } : {}), ...(p.skipped ? { skipped: p.skipped } : {}), toRecordedPath });
      if (p.replayed) session.push(p.replayed);
      opts.onProgress?.(target.name, p.index, recorded.length);
    });
    const probes = [options];
    const cal = calendarPath(session);
    if (cal) probes.push(await probe(target, 'PROPFIND', cal, [['Depth', '0'], ['Content-Type', 'application/xml; charset=utf-8']], PROPFIND_CAPS, opts, agent));
    probes.push(await probe(target, 'GET', '/.well-known/caldav', [], undefined, opts, agent));
    return { cells, session, probes };
  } finally {
    agent.destroy();
  }
}

export async function runInterop(recorded: readonly Exchange[], targets: readonly InteropTarget[], opts: InteropOptions): Promise<InteropResult> {
  const engine = createEngine({ rules: allRules });
  const recordedCells: CellInput[] = recorded.map((ex) => ({ exchange: ex, findings: engine.analyse(ex), toRecordedPath: (p) => p }));
  // Every target at once; each target's exchanges strictly in recorded order.
  // A target that fails in a way no exchange catches gets the reason in its column; the others go on.
  const runs = await Promise.all(
    targets.map((t) => runTarget(recorded, t, opts).catch((err: unknown): TargetRun => ({ error: `failed: ${(err as Error)?.message ?? String(err)}`, cells: [], session: [], probes: [] }))),
  );
  const columns: InteropColumn[] = [{ name: opts.recordedName, url: opts.recordedFrom }, ...targets.map((t, i) => ({ name: t.name, url: t.url.href, ...(runs[i]!.error ? { error: runs[i]!.error } : {}) }))];
  const referenceIndex = opts.reference === undefined ? undefined : columns.findIndex((c) => c.name === opts.reference);
  const rows = buildRows(recorded, [recordedCells, ...runs.map((r) => r.cells)], columns, referenceIndex);
  const bodies = recorded.map((ex, n) => [bodyOf(ex), ...runs.map((r) => bodyOf(r.cells[n]?.exchange))]);
  return {
    columns,
    rows,
    summary: summarise(rows, columns),
    capabilities: [capabilitiesOf(recorded), ...runs.map((r) => capabilitiesOf(r.session, r.probes))],
    bodies,
    ...(opts.reference !== undefined ? { reference: opts.reference } : {}),
  };
}
