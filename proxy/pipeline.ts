// The analysis pipeline: stages run in one listed order on each completed exchange, after its
// response went out. A failing stage is logged with the exchange id and the rest still run.
// An optional `prepare` step starts as soon as an exchange is pushed (the analysis worker works
// ahead in parallel) and the stages then run on its result, in push order.
import type { Exchange } from '../rules/model/exchange.ts';

export interface Stage {
  readonly name: string;
  run(ex: Exchange): Exchange | void | Promise<Exchange | void>;
}

export class Pipeline {
  private readonly queue: (Exchange | Promise<Exchange>)[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly stages: readonly Stage[],
    private readonly warn: (message: string) => void,
    private readonly prepare?: (ex: Exchange) => Promise<Exchange>,
  ) {}

  push(ex: Exchange): void {
    this.queue.push(this.prepare ? this.prepare(ex).catch((err: Error) => (this.warn(`davscope: preparing exchange #${ex.id} failed: ${err.stack ?? err}`), ex)) : ex);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Resolves once every pushed exchange went through every stage. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Exchanges go through one at a time, in completion order, so session knowledge stays causal.
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      let current = await next;
      for (const stage of this.stages) {
        try {
          const next = await stage.run(current);
          if (next) current = next;
        } catch (err) {
          this.warn(`davscope: stage "${stage.name}" failed on exchange #${current.id}: ${(err as Error).stack ?? err}`);
        }
      }
    }
  }
}
