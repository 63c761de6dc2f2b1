// The rule engine: runs every enabled rule on each exchange in isolation, renders findings,
// times the rules, and only then lets the session learn from the exchange.
import type { Exchange, Finding, Party, Severity } from '../model/exchange.ts';
import { viewOf, type ExchangeView } from './view.ts';
import { keptExchange, type KeptExchange } from './kept-exchange.ts';
import type { AnyRule, Report, ReportData } from './define-rule.ts';
import { ConfigError, validateConfig, type RuleConfig } from './config.ts';
import { Session, type SessionContext } from './session.ts';
import { hideUrlSecrets } from '../model/url.ts';
import { SINGLE_RESOURCE_METHODS } from '../lib/checks.ts';

export const CRASH_RULE_ID = 'engine/rule-crashed';

export interface RuleStat {
  readonly ruleId: string;
  readonly calls: number;
  readonly findings: number;
  readonly crashes: number;
  /** Time spent in the rule: measured on every call with timing 'every', else extrapolated from the timed calls. */
  readonly totalMs: number;
  /** How many of the calls were timed. */
  readonly timedCalls: number;
}

/** A finding with the data its message was rendered from (for tests and tools). */
export interface DetailedFinding extends Finding {
  readonly data?: ReportData;
}

export interface EngineOptions {
  readonly rules: readonly AnyRule[];
  readonly config?: RuleConfig;
  /**
   * 'sampled' (the default) times every rule on about one exchange in SAMPLE_EVERY, at random, and
   * extrapolates; 'every' times every call (profiling), at a cost of two clock reads per rule and exchange.
   */
  readonly timing?: 'sampled' | 'every';
}

/** The mean distance between timed exchanges in 'sampled' timing. */
export const SAMPLE_EVERY = 16;

export interface Engine {
  /** Findings for one completed exchange; exchanges must arrive in seq order. */
  analyse(exchange: Exchange): Finding[];
  /** As analyse, with each finding's placeholder data kept. */
  analyseDetailed(exchange: Exchange): DetailedFinding[];
  /** Per-rule call counts and accumulated time, sorted by total time, slowest first. */
  stats(): RuleStat[];
  /** The session knowledge so far (read-only). */
  readonly context: SessionContext;
  /** How many exchanges arrived with a seq lower than the one before. */
  readonly outOfOrder: number;
  /** The enabled rules with their effective severity. */
  readonly enabled: ReadonlyArray<{ readonly rule: AnyRule; readonly severity?: Severity }>;
}

const PLACEHOLDER = /\{(\w+)\}/g;
/**
 * Templates split at their placeholders, once each: literal text at even indices, placeholder names at
 * odd ones. Templates come from the rules' code (and the odd report's fix), so the table stays small;
 * the bound is a guard.
 */
const compiled = new Map<string, readonly string[]>();

function compile(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (parts === undefined) {
    const out: string[] = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      out.push(template.slice(last, m.index), m[1]!);
      last = m.index + m[0].length;
    }
    out.push(template.slice(last));
    parts = out;
    if (compiled.size < 4096) compiled.set(template, parts);
  }
  return parts;
}

/** Fills {placeholders} from data; unknown placeholders stay visible so a missing value is noticed. */
export function renderMessage(template: string, data: ReportData | undefined): string {
  const parts = compile(template);
  if (parts.length === 1) return template;
  let out = parts[0]!;
  for (let k = 1; k < parts.length; k += 2) {
    const key = parts[k]!;
    // Data often quotes headers and hrefs: a URL password or query token in them never reaches a message.
    out += (data && key in data ? hideUrlSecrets(String(data[key])) : `{${key}}`) + parts[k + 1]!;
  }
  return out;
}

interface Stat {
  readonly ruleId: string;
  calls: number;
  findings: number;
  crashes: number;
  timedMs: number;
  timedCalls: number;
}

export function createEngine(options: EngineOptions): Engine {
  const config = options.config ?? {};
  const ids = options.rules.map((r) => r.id);
  const problems = validateConfig(config, ids);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`rule id "${id}" is registered twice`);
    seen.add(id);
  }
  if (problems.length) throw new ConfigError(problems);

  const enabled = options.rules
    .filter((r) => config[r.id] !== 'off')
    .map((rule) => ({ rule, severity: config[rule.id] as Severity | undefined }));
  // Parallel arrays walked by index: the per-exchange loop allocates nothing and looks nothing up.
  const rules = enabled.map((e) => e.rule);
  const severities = enabled.map((e) => e.severity);
  const stats: Stat[] = rules.map((r) => ({ ruleId: r.id, calls: 0, findings: 0, crashes: 0, timedMs: 0, timedCalls: 0 }));
  // Which rules run for a method, in registration order (so findings keep their order): a rule that
  // declares its methods is left out of the others' plans. One plan per method some rule names, and
  // one for every other method (the rules that declare none).
  const planFor = (method: string | undefined): readonly number[] =>
    rules.flatMap((r, i) => (r.methods === undefined || (method !== undefined && r.methods.includes(method)) ? [i] : []));
  const plans = new Map<string, readonly number[]>();
  for (const r of rules) for (const m of r.methods ?? []) if (!plans.has(m)) plans.set(m, planFor(m));
  const otherPlan = planFor(undefined);
  const timeEvery = options.timing === 'every';
  // xorshift32: which exchanges get timed, so a traffic pattern with a period cannot alias with the sampling.
  let rng = 0x9e3779b9;
  let untilTimed = 0;
  const session = new Session();
  let lastSeq = -Infinity;
  let outOfOrder = 0;

  /** The finding of a report; with keepData, the report's data too (analyseDetailed). */
  function toFinding(rule: AnyRule, configured: Severity | undefined, report: Report, keepData: boolean): DetailedFinding {
    const msg = rule.messages[report.messageId];
    if (!msg) throw new Error(`reported unknown messageId "${report.messageId}"`);
    const finding: { -readonly [K in keyof DetailedFinding]: DetailedFinding[K] } = {
      ruleId: rule.id,
      messageId: report.messageId,
      severity: configured ?? report.severity ?? rule.severity,
      message: renderMessage(msg.message, report.data),
      explanation: report.explanation !== undefined ? hideUrlSecrets(report.explanation) : rule.docs.details,
      fix: renderMessage(report.fix ?? msg.fix, report.data),
      specs: report.specs ?? rule.docs.specs,
    };
    if (report.location) finding.location = report.location;
    finding.party = report.party ?? partyOf(rule.party, report.location?.side);
    if (keepData && report.data) finding.data = report.data;
    return finding;
  }

  function crashed(rule: AnyRule, err: unknown, keepData: boolean): DetailedFinding {
    const text = err instanceof Error ? err.message : String(err);
    const finding: DetailedFinding = {
      ruleId: CRASH_RULE_ID,
      messageId: 'crashed',
      severity: 'error',
      message: `Rule ${rule.id} crashed: ${text}`,
      explanation: `The rule ${rule.id} threw while checking this exchange, so it said nothing about it. The other rules still ran. This is a bug in davscope, not in your traffic.`,
      fix: 'Report it with this exchange attached (export it as HAR).',
      specs: [],
      party: 'unknown',
    };
    return keepData ? { ...finding, data: { rule: rule.id, error: text } } : finding;
  }

  function run(exchange: Exchange, keepData: boolean): DetailedFinding[] {
    // Out-of-order input is analysed anyway (the proxy must never fail a stage over it); the session
    // then reflects arrival order, which is what the user saw.
    outOfOrder += exchange.seq < lastSeq ? 1 : 0;
    lastSeq = exchange.seq;
    const view: ExchangeView = viewOf(exchange);
    // A body cut at the cap: the rules that judge what is there see its whole part instead.
    const kept = keptExchange(exchange);
    const keptView = kept && viewOf(kept.exchange);
    const out: DetailedFinding[] = [];
    // Which finding explains which shared fact (by index in out), when more than one rule may.
    let facts: Map<number, string> | undefined;
    const refused = wasRefused(exchange);
    let timed = timeEvery;
    if (!timed && --untilTimed < 0) {
      timed = true;
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      untilTimed = (rng >>> 0) % (2 * SAMPLE_EVERY - 1);
    }
    // A timed exchange reads the clock once between rules (not twice per rule): each rule is charged
    // from the end of the one before.
    const plan = plans.get(view.method) ?? otherPlan;
    let t0 = timed ? performance.now() : 0;
    for (let p = 0; p < plan.length; p++) {
      const i = plan[p]!;
      const rule = rules[i]!;
      const stat = stats[i]!;
      try {
        const onKept = keptView !== undefined && rule.judgesKeptPart === true;
        const reports = rule.check(onKept ? keptView : view, session);
        if (reports.length > 0) {
          for (let r = 0; r < reports.length; r++) {
            const report = reports[r]!;
            const finding = toFinding(rule, severities[i], report, keepData);
            out.push(onKept && onCutSide(finding, kept!.cut) ? { ...finding, partial: true } : finding);
            if (rule.explains && refused) (facts ??= new Map()).set(out.length - 1, rule.explains);
          }
          stat.findings += reports.length;
        }
      } catch (err) {
        stat.crashes++;
        out.push(crashed(rule, err, keepData));
      }
      if (timed) {
        const t1 = performance.now();
        stat.timedMs += t1 - t0;
        stat.timedCalls++;
        t0 = t1;
      }
      stat.calls++;
    }
    try {
      session.update(view);
    } catch (err) {
      out.push({ ...crashed({ id: 'engine/session' } as AnyRule, err, keepData), message: `Session update crashed: ${err instanceof Error ? err.message : String(err)}` });
    }
    view.releaseParses();
    keptView?.releaseParses();
    return facts && facts.size > 1 ? fold(out, facts) : out;
  }

  return {
    analyseDetailed: (exchange) => run(exchange, true),
    // Findings made without their data, rather than copied without it.
    analyse: (exchange) => run(exchange, false),
    stats: () =>
      stats
        .map((s) => ({
          ruleId: s.ruleId,
          calls: s.calls,
          findings: s.findings,
          crashes: s.crashes,
          totalMs: s.timedCalls === 0 ? 0 : s.calls === s.timedCalls ? s.timedMs : (s.timedMs * s.calls) / s.timedCalls,
          timedCalls: s.timedCalls,
        }))
        .sort((a, b) => b.totalMs - a.totalMs || a.ruleId.localeCompare(b.ruleId)),
    context: session,
    enabled,
    get outOfOrder() {
      return outOfOrder;
    },
  };
}

/** Whether a finding on the kept view reads a cut body: its side was cut, or it names no side. */
function onCutSide(finding: Finding, cut: KeptExchange['cut']): boolean {
  const side = finding.location?.side;
  return side === undefined ? cut.request || cut.response : cut[side];
}

/** A rule's party for one finding: 'by-side' follows the message the finding points at. */
function partyOf(party: AnyRule['party'], side: 'request' | 'response' | undefined): Party {
  if (party !== 'by-side') return party;
  return side === 'request' ? 'client' : side === 'response' ? 'server' : 'unknown';
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
/** A named party knows more than 'unknown' (a vendor's message, a generic list of failures). */
const PARTY_RANK: Readonly<Record<Party, number>> = { client: 2, server: 2, both: 1, unknown: 0 };
/** The more specific layer tells the story better: CalDAV over iCalendar over WebDAV over HTTP and XML. */
const LAYER_RANK: Readonly<Record<string, number>> = { caldav: 5, ical: 4, webdav: 3, http: 2, xml: 1 };

/**
 * One story per fact: among the findings that explain the same fact, the primary is the most
 * severe, then the one naming a party, then the more specific layer, then the first reported; the
 * others get foldedInto (they stay, so JSON and HAR keep every finding).
 */
export function fold<F extends Finding>(findings: F[], facts: ReadonlyMap<number, string>): F[] {
  const groups = new Map<string, number[]>();
  for (const [index, fact] of facts) {
    const g = groups.get(fact);
    if (g) g.push(index);
    else groups.set(fact, [index]);
  }
  const out = findings.slice();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const score = (i: number) => {
      const f = findings[i]!;
      return [SEVERITY_RANK[f.severity], PARTY_RANK[f.party ?? 'unknown'], LAYER_RANK[f.ruleId.slice(0, f.ruleId.indexOf('/'))] ?? 0, -i];
    };
    const primary = members.reduce((best, i) => {
      const a = score(i);
      const b = score(best);
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! > b[k]! ? i : best;
      return best;
    });
    const primaryRule = findings[primary]!.ruleId;
    for (const i of members) if (i !== primary) out[i] = { ...findings[i]!, foldedInto: primaryRule };
  }
  return out;
}

const SINGLE_RESOURCE: ReadonlySet<string> = new Set(SINGLE_RESOURCE_METHODS);

/** Whether the request failed: a 4xx/5xx, no answer at all, or a 207 to a single-resource method. */
function wasRefused(ex: Exchange): boolean {
  if (!ex.response) return ex.error !== undefined;
  return ex.response.status >= 400 || (ex.response.status === 207 && SINGLE_RESOURCE.has(ex.request.method.toUpperCase()));
}
