// Messages between the proxy's main thread and its analysis worker.
import type { Exchange, Finding } from '../../rules/model/exchange.ts';
import type { RuleConfig } from '../../rules/engine/config.ts';
import type { StoredForm } from '../stored-form.ts';

export interface WorkerInit {
  readonly rules?: RuleConfig;
  readonly maxDecoded: number;
  /** The analysis thread's nice value (Linux), so forwarding wins the CPU. */
  readonly nice?: number;
}

export interface WorkerRequest {
  readonly batch: number;
  readonly exchanges: readonly Exchange[];
}

export interface WorkerReply {
  readonly batch: number;
  readonly results: readonly (
    | { readonly id: string; readonly findings: readonly Finding[]; readonly requestDecoded?: Uint8Array; readonly responseDecoded?: Uint8Array; readonly stored: StoredForm }
    | { readonly id: string; readonly error: string }
  )[];
}
