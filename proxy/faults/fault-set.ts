// The faults davscope runs with (presets named by --fault, files given by --faults), which are
// on, how often each matched and fired, and the one that picks a request. The page turns faults on
// and off live; every change is told to the listeners (the inspector's 'faults' message).
import type { FaultState } from '../../rules/model/protocol.ts';
import { needsBody, requestMatches, seededRandom, type FaultRequest } from '../../rules/faults/match.ts';
import { PRESETS, presetNamed, type FaultPreset } from '../../rules/faults/presets.ts';
import type { FaultSpec } from '../../rules/faults/spec.ts';

interface Entry {
  readonly spec: FaultSpec;
  readonly preset?: FaultPreset;
  enabled: boolean;
  /** Matching requests seen while on, and how many the fault acted on. */
  seen: number;
  fired: number;
  readonly random: () => number;
}

export class FaultSet {
  private readonly entries: Entry[];
  private readonly listeners = new Set<(state: readonly FaultState[]) => void>();
  private on = 0;

  /** Every preset (off unless named in `enabled`) and the file's faults (on). */
  constructor(opts: { enabled?: readonly string[]; fromFile?: readonly FaultSpec[] } = {}) {
    const on = new Set(opts.enabled ?? []);
    const fromFile = opts.fromFile ?? [];
    const fileNames = new Set(fromFile.map((f) => f.name));
    this.entries = [
      ...PRESETS.filter((p) => !fileNames.has(p.fault.name)).map((p) => entry(p.fault, on.has(p.fault.name), p)),
      ...fromFile.map((f) => entry(f, true, presetNamed(f.name))),
    ];
    this.on = this.entries.filter((e) => e.enabled).length;
  }

  /** Whether any fault is on (one comparison on the forwarding path when none is). */
  get anyEnabled(): boolean {
    return this.on > 0;
  }

  /** Whether an enabled fault wants the request body to decide. */
  get wantsBody(): boolean {
    return this.entries.some((e) => e.enabled && needsBody(e.spec.match));
  }

  /** The first enabled fault that picks this request and fires on this occurrence, counted. */
  pick(request: FaultRequest): FaultSpec | undefined {
    let picked: Entry | undefined;
    for (const e of this.entries) {
      if (!e.enabled || !requestMatches(e.spec.match, request)) continue;
      e.seen++;
      if (picked) continue;
      const m = e.spec.match;
      const fires = (m.nth === undefined || e.seen === m.nth) && (m.times === undefined || e.fired < m.times) && (m.probability === undefined || e.random() < m.probability);
      if (fires) {
        e.fired++;
        picked = e;
      }
    }
    if (picked) this.changed();
    return picked?.spec;
  }

  /** Turns a fault on or off by name (counts start over when it is turned on); false if unknown. */
  toggle(name: string, enabled: boolean): boolean {
    const e = this.entries.find((x) => x.spec.name === name);
    if (!e) return false;
    if (enabled && !e.enabled) {
      e.seen = 0;
      e.fired = 0;
    }
    e.enabled = enabled;
    this.on = this.entries.filter((x) => x.enabled).length;
    this.changed();
    return true;
  }

  state(): FaultState[] {
    return this.entries.map((e) => ({
      name: e.spec.name,
      enabled: e.enabled,
      fired: e.fired,
      seen: e.seen,
      preset: e.preset !== undefined,
      does: e.preset?.does ?? e.spec.description ?? '',
      ...(e.preset ? { correctClient: e.preset.correctClient, spec: e.preset.spec } : {}),
    }));
  }

  onChange(listener: (state: readonly FaultState[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const s = this.state();
    for (const l of this.listeners) l(s);
  }
}

function entry(spec: FaultSpec, enabled: boolean, preset?: FaultPreset): Entry {
  return { spec, enabled, preset, seen: 0, fired: 0, random: seededRandom(spec.match.seed ?? 1) } as Entry;
}
