// Hands completed exchanges to the analysis worker, batched per tick, and gives them back in order
// with their findings. If the worker cannot run, analysis falls back to this thread (slower, never
// lost); if analysis falls too far behind the traffic, the overflow is marked instead of queued
// without bound.
import { Worker } from 'node:worker_threads';
import type { Body, Exchange, Finding } from '../../rules/model/exchange.ts';
import { createEngine, type Engine } from '../../rules/engine/engine.ts';
import type { RuleConfig } from '../../rules/engine/config.ts';
import { allRules } from '../../rules/registry.ts';
import { analyseExchange } from './analyse-exchange.ts';
import { FindingInterner } from './intern-findings.ts';
import { attachStoredForm } from '../stored-form.ts';
import type { WorkerInit, WorkerReply } from './worker-protocol.ts';

export interface AnalyserOptions {
  readonly rules?: RuleConfig;
  readonly maxDecoded: number;
  /** Most exchanges waiting for analysis before new ones are marked as not analysed. */
  readonly maxBacklog: number;
  /** false analyses in this thread (for embedding and debugging). */
  readonly useWorker: boolean;
  readonly warn: (line: string) => void;
}

interface Waiting {
  readonly ex: Exchange;
  readonly resolve: (ex: Exchange) => void;
}

export const BACKLOG_RULE = 'engine/analysis-backlog';

/** The analysis worker's young generation (V8's default is 3 x 16 MB semi-spaces). */
export const WORKER_YOUNG_MB = Number(process.env.DAVSCOPE_WORKER_YOUNG_MB ?? 8);

function backlogFinding(n: number): Finding {
  return {
    ruleId: BACKLOG_RULE,
    messageId: 'backlog',
    severity: 'warning',
    message: `not analysed: analysis was ${n} exchanges behind the traffic`,
    explanation: 'davscope analyses exchanges off the forwarding path. The traffic outran the analysis by more than its bound, so this exchange was forwarded and captured but not checked by the rules, to keep memory bounded.',
    fix: 'Lint the recording afterwards (davscope lint FILE, with --record), or slow the load down.',
    specs: [],
  };
}

function withDecoded(original: Body, decoded: Uint8Array | undefined): Body {
  return original.kind === 'captured' && decoded ? { ...original, decoded } : original;
}

export class Analyser {
  private worker: Worker | undefined;
  private inline: Engine | undefined;
  private readonly waiting = new Map<string, Waiting>();
  private outbox: Exchange[] = [];
  private flushScheduled = false;
  private batch = 0;
  private readyWaiters: (() => void)[] = [];
  private isReady = false;
  private readonly interner = new FindingInterner();

  constructor(private readonly opts: AnalyserOptions) {
    if (opts.useWorker) this.startWorker();
    else this.inline = createEngine({ rules: allRules, config: opts.rules });
  }

  /** Resolves once the worker has loaded the rules (or analysis fell back to this thread). */
  ready(timeoutMs = 20_000): Promise<void> {
    if (this.isReady || this.inline) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.fallBack(`the analysis worker did not start within ${timeoutMs / 1000} s`);
        resolve();
      }, timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private markReady(): void {
    this.isReady = true;
    for (const fn of this.readyWaiters.splice(0)) fn();
  }

  get backlog(): number {
    return this.waiting.size;
  }

  submit(ex: Exchange): Promise<Exchange> {
    if (this.inline) return analyseExchange(this.inline, ex, this.opts.maxDecoded);
    if (this.waiting.size >= this.opts.maxBacklog) return Promise.resolve({ ...ex, findings: [backlogFinding(this.waiting.size)] });
    return new Promise((resolve) => {
      this.waiting.set(ex.id, { ex, resolve });
      this.outbox.push(ex);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private startWorker(): void {
    const init: WorkerInit = { ...(this.opts.rules ? { rules: this.opts.rules } : {}), maxDecoded: this.opts.maxDecoded };
    // Compiled (dist/node/), the worker is plain JavaScript; from the sources it needs tsx loaded first.
    const entry = import.meta.url.endsWith('.ts') ? './analysis-worker.js' : './worker-main.js';
    // The worker's objects live for one exchange: a small young generation holds them as well as
    // V8's default 48 MB would, and keeps that much RSS (measured: see WORKER_YOUNG_MB).
    const worker = new Worker(new URL(entry, import.meta.url), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    worker.unref();
    worker.on('message', (reply: WorkerReply | { ready: true }) => ('ready' in reply ? this.markReady() : this.receive(reply)));
    worker.on('error', (err) => this.fallBack(`the analysis worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fallBack(`the analysis worker exited (code ${code})`);
    });
    this.worker = worker;
  }

  private flush(): void {
    this.flushScheduled = false;
    const exchanges = this.outbox;
    this.outbox = [];
    if (exchanges.length === 0) return;
    if (!this.worker) return void this.analyseInline(exchanges);
    this.worker.postMessage({ batch: ++this.batch, exchanges });
  }

  private receive(reply: WorkerReply): void {
    for (const r of reply.results) {
      const w = this.waiting.get(r.id);
      if (!w) continue;
      this.waiting.delete(r.id);
      if ('error' in r) {
        this.opts.warn(`davscope: analysis of exchange #${r.id} failed: ${r.error}`);
        w.resolve(w.ex);
        continue;
      }
      const ex = w.ex;
      const done: Exchange = {
        ...ex,
        request: { ...ex.request, body: withDecoded(ex.request.body, r.requestDecoded) },
        ...(ex.response ? { response: { ...ex.response, body: withDecoded(ex.response.body, r.responseDecoded) } } : {}),
        findings: this.interner.intern(r.findings),
      };
      attachStoredForm(done, r.stored);
      w.resolve(done);
    }
  }

  /** Analysis goes on in this thread: slower, but nothing captured goes unanalysed. */
  private fallBack(reason: string): void {
    if (this.inline) return;
    this.worker = undefined;
    this.opts.warn(`davscope: ${reason}; analysing in the main thread from now on`);
    this.inline = createEngine({ rules: allRules, config: this.opts.rules });
    this.markReady();
    const stranded = [...this.waiting.values()].map((w) => w.ex);
    void this.analyseInline(stranded);
  }

  private async analyseInline(exchanges: readonly Exchange[]): Promise<void> {
    for (const ex of exchanges) {
      const w = this.waiting.get(ex.id);
      if (!w) continue;
      this.waiting.delete(ex.id);
      w.resolve(await analyseExchange(this.inline!, ex, this.opts.maxDecoded));
    }
  }
}
