// The requests intercept is holding, and what the user decided for each: continue (unchanged or
// edited), abort, or nothing, in which case the hold ends by itself after the timeout so that a
// client never hangs on a pause nobody answers.
import type { HeaderPair } from '../../rules/model/exchange.ts';
import { compileRequestFilter, type RequestFilter, type RequestHead } from '../../rules/filter/request-filter.ts';
import type { HeldRequest, InterceptState } from '../../rules/model/protocol.ts';

/** The request as the user wants it sent (a continue with edits). */
export interface EditedRequest {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
}

/** The response as the user wants it sent back (a continue of a held response, with edits). */
export interface EditedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
}

export type Decision =
  | { readonly kind: 'continue'; readonly edit?: EditedRequest | EditedResponse }
  | { readonly kind: 'abort' }
  | { readonly kind: 'timeout' }
  /** The client went away while its request was held. */
  | { readonly kind: 'gone' };

interface Hold {
  readonly view: HeldRequest;
  readonly timer: NodeJS.Timeout;
  readonly decide: (d: Decision) => void;
}

export class InterceptHolds {
  private holds = new Map<string, Hold>();
  private listeners = new Set<(state: InterceptState) => void>();
  private match: RequestFilter;
  private filterText: string;
  private on: boolean;
  private alsoResponses: boolean;
  private readonly timeoutMs: number;

  constructor(opts: { enabled: boolean; filter: string; timeoutMs: number; responses?: boolean }) {
    this.timeoutMs = opts.timeoutMs;
    this.alsoResponses = opts.responses ?? false;
    this.match = compileRequestFilter(opts.filter);
    this.filterText = opts.filter;
    this.on = opts.enabled;
  }

  /** Whether intercept is on at all (one comparison on the forwarding hot path). */
  get enabled(): boolean {
    return this.on;
  }

  /** Whether this request is to be held (intercept on and the filter matches). */
  wants(head: RequestHead): boolean {
    return this.on && this.match(head);
  }

  /** Whether the response to this request is to be held (responses too, and the filter matches). */
  wantsResponse(head: RequestHead): boolean {
    return this.on && this.alsoResponses && this.match(head);
  }

  /** Turns intercept on or off and sets its filter; throws FilterError on a bad filter. Turning
   *  it off lets every held request continue unchanged. */
  configure(enabled: boolean, filter: string, responses = this.alsoResponses): void {
    this.match = compileRequestFilter(filter);
    this.filterText = filter;
    this.on = enabled;
    this.alsoResponses = responses;
    if (!enabled) for (const id of [...this.holds.keys()]) this.decide(id, { kind: 'continue' });
    this.changed();
  }

  /** Holds a request until a decision; the view is what the page lists meanwhile. */
  hold(view: Omit<HeldRequest, 'heldSince' | 'continuesAt'>): { decision: Promise<Decision>; release: (d: Decision) => void } {
    const heldSince = Date.now();
    // The request and, later, the response of one exchange are two holds under one id.
    if (this.holds.has(view.id)) this.decide(view.id, { kind: 'continue' });
    let resolve!: (d: Decision) => void;
    const decision = new Promise<Decision>((r) => (resolve = r));
    const timer = setTimeout(() => this.decide(view.id, { kind: 'timeout' }), this.timeoutMs);
    this.holds.set(view.id, { view: { ...view, heldSince, continuesAt: heldSince + this.timeoutMs }, timer, decide: resolve });
    this.changed();
    return { decision, release: (d) => this.decide(view.id, d) };
  }

  /** Settles one hold; false when there is no such hold (already decided, timed out, or gone). */
  decide(id: string, decision: Decision): boolean {
    const hold = this.holds.get(id);
    if (!hold) return false;
    this.holds.delete(id);
    clearTimeout(hold.timer);
    hold.decide(decision);
    this.changed();
    return true;
  }

  get(id: string): HeldRequest | undefined {
    return this.holds.get(id)?.view;
  }

  state(): InterceptState {
    return { enabled: this.on, filter: this.filterText, responses: this.alsoResponses, timeoutMs: this.timeoutMs, held: [...this.holds.values()].map((h) => h.view) };
  }

  onChange(listener: (state: InterceptState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends every hold (shutdown): held requests continue unchanged. */
  close(): void {
    for (const id of [...this.holds.keys()]) this.decide(id, { kind: 'continue' });
    this.listeners.clear();
  }

  private changed(): void {
    const state = this.state();
    for (const l of this.listeners) l(state);
  }
}
