// `davscope lint FILE`: runs the CalDAV rules over a recording or a HAR file without a proxy,
// streaming in file order (memory holds one exchange; JSON findings are spooled to a temp file).
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, type RuleConfig, type RuleSetting } from '../../rules/index.ts';
import { compileFilterText, FilterError, type FilterMatcher } from '../../rules/filter/language.ts';
import type { Exchange, Finding, Severity } from '../../rules/model/exchange.ts';
import { getHeader } from '../../rules/model/headers.ts';
import { viewOf } from '../../rules/engine/view.ts';
import { exchangeUrl } from '../../rules/formats/har/exchange-url.ts';
import { parseMaxLine } from '../cli-options.ts';
import { InputError, openInput } from './input.ts';
import { JsonFindingsSpool } from './json-findings-spool.ts';
import { lintFinding, lintStep } from '../index.ts';
import { findingLine, painter } from '../console-log.ts';
import { parseArgsOrUsage, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

export const LINT_USAGE = `Usage: davscope lint FILE [options]

Checks every exchange of FILE (a davscope recording from --record, or a HAR 1.2 file from
Chrome, Firefox, mitmproxy, HTTP Toolkit...) with the CalDAV rules, in file order.

Options:
      --format text|json        text (default): findings grouped per exchange and a summary;
                                json: one object {"exchanges": N, "findings": [...]}
      --fail-on error|warning|never
                                exit 1 when a finding has this severity or worse (default error)
      --rule ID=off|info|warning|error
                                turn a rule off or change its severity (repeatable); applied
                                after davscope.config.json ({"rules": {"ID": "off"}}) in the
                                working directory
      --filter EXPR             report only the exchanges EXPR picks (the rules still read the
                                whole session, in order). EXPR is the inspector's filter language:
                                method:PUT,DELETE status:4xx path:/cal/**/*.ics header:If-Match
                                req.header:Depth=1 res.body:"text" xml:C:calendar-multiget
                                rule:caldav/ severity:warning has:findings source:replayed, bare
                                words; and, or, not (or -), parentheses
      --max-line SIZE           skip, and report, a recording line or HAR entry longer than
                                SIZE without reading it into memory (default 64MiB)
  -h, --help                    show this help

Exit codes: 0 clean, 1 findings at --fail-on or worse, 2 unreadable input or bad options.
`;

type Format = 'text' | 'json';
type FailOn = 'error' | 'warning' | 'never';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

interface LintOptions {
  file: string;
  format: Format;
  failOn: FailOn;
  maxLineBytes: number | undefined;
  rules: Record<string, RuleSetting>;
  /** --filter: which exchanges are reported. */
  filter?: FilterMatcher;
}

function parse(argv: string[]): LintOptions | 'help' {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      rule: { type: 'string', multiple: true },
      'max-line': { type: 'string' },
      filter: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `lint reads one file, not ${positionals.length}` : 'give the recording or HAR file to lint');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format is text or json, not "${format}"`);
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') throw new UsageError(`--fail-on is error, warning or never, not "${failOn}"`);
  const rules: Record<string, RuleSetting> = {};
  for (const r of values.rule ?? []) {
    const eq = r.indexOf('=');
    if (eq <= 0) throw new UsageError(`--rule wants ID=off|info|warning|error, not "${r}"`);
    rules[r.slice(0, eq).trim()] = r.slice(eq + 1).trim() as RuleSetting;
  }
  return { file: positionals[0]!, format, failOn, rules, maxLineBytes: parseMaxLine(values['max-line']), ...(values.filter !== undefined ? { filter: checkedFilter(values.filter) } : {}) };
}

/** The --filter expression compiled; a mistake is shown under the expression with a caret. */
function checkedFilter(text: string): FilterMatcher {
  try {
    return compileFilterText(text);
  } catch (err) {
    if (!(err instanceof FilterError)) throw err;
    throw new UsageError(`--filter: ${err.message}\n  ${text}\n  ${' '.repeat(err.position)}^`);
  }
}

/** davscope.config.json in the working directory: {"rules": {"id": "off" | severity}}. */
export function loadConfigFile(dir: string): RuleConfig {
  const path = `${dir}/davscope.config.json`;
  if (!existsSync(path)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError([`${path} is not valid JSON: ${(err as Error).message}`]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError([`${path} must hold a JSON object such as {"rules": {"http/etag-syntax-invalid": "off"}}`]);
  const rules = (value as { rules?: unknown }).rules;
  if (rules === undefined) return {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new ConfigError([`${path}: "rules" must be an object of rule id to off, info, warning or error`]);
  return rules as RuleConfig;
}



/** The kind of request, as a reader tells repeats apart: the method and, for REPORT, the report. */
function requestKind(ex: Exchange): string {
  const report = ex.request.method === 'REPORT' ? viewOf(ex).xmlRoot('request')?.local : undefined;
  return report ? `${report} REPORT` : ex.request.method;
}

/** The same finding (rule and message) from the same client on the same kind of request. */
function repeatKey(ex: Exchange, f: Finding): string {
  return `${f.ruleId}\u0000${f.messageId}\u0000${requestKind(ex)}\u0000${getHeader(ex.request.headers, 'User-Agent') ?? ''}`;
}

function outcome(ex: Exchange): string {
  if (ex.response) return `${ex.response.status} ${ex.response.statusText}`.trim();
  return ex.error ? `no response (${ex.error.code})` : 'no response';
}

export const lintCommand: Command<LintOptions> = { name: 'lint', usage: LINT_USAGE, parse, run: lint };

async function lint(opts: LintOptions): Promise<number> {
  let step;
  try {
    step = lintStep({ ...loadConfigFile(process.cwd()), ...opts.rules }, opts.filter);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`davscope lint: ${err.message}\n`);
    return 2;
  }

  const color = opts.format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const paint = painter(color);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  /** Findings per rule, for the summary table. */
  const perRule = new Map<string, { severity: Severity; count: number }>();
  const spool = opts.format === 'json' ? new JsonFindingsSpool() : undefined;
  /** Findings told once: the first exchange and how many times it came back. */
  const repeats = new Map<string, { first: number; count: number; ruleId: string; kind: string }>();
  let n = 0;
  let worst = 0;
  // Awaiting each write's callback keeps memory flat on a slow pipe and, above all, lets the
  // output reach a pipe before cli.ts calls process.exit (which drops pending pipe writes).
  const write = (s: string) => new Promise<void>((resolve, reject) => process.stdout.write(s, (err) => (err ? reject(err) : resolve())));

  // On a terminal, a long lint says how far it is (on stderr, so output and pipes stay clean).
  const started = Date.now();
  // Quick lints show nothing; DAVSCOPE_PROGRESS_AFTER_MS lets a test see it on a small file.
  const after = Number(process.env.DAVSCOPE_PROGRESS_AFTER_MS ?? 500);
  const show = () => process.stderr.write(`\rdavscope lint: ${n} exchanges read, ${((Date.now() - started) / 1000).toFixed(1)} s…`);
  const progress = process.stderr.isTTY
    ? setInterval(() => {
        if (Date.now() - started >= after) show();
      }, 250)
    : undefined;
  const endProgress = () => {
    if (!progress) return;
    clearInterval(progress);
    if (Date.now() - started < after) return;
    show();
    process.stderr.write('\r\x1b[K');
  };

  let input;
  try {
    input = await openInput(opts.file, { ...(opts.maxLineBytes ? { maxLineBytes: opts.maxLineBytes } : {}) });
    for await (const ex of input) {
      // Counted from 1, as the inspector numbers exchanges.
      const index = ++n;
      const findings: Finding[] = step(ex);
      if (!findings.length) continue;
      const url = exchangeUrl(ex);
      // Folded findings restate their primary: counted and shown under it, not as findings of their own.
      const primaries = findings.filter((f) => f.foldedInto === undefined);
      for (const f of primaries) {
        counts[f.severity]++;
        worst = Math.max(worst, RANK[f.severity]);
        const r = perRule.get(f.ruleId);
        if (r) r.count++;
        else perRule.set(f.ruleId, { severity: f.severity, count: 1 });
      }
      if (opts.format === 'json') {
        for (const f of findings) {
          const item = lintFinding(index, ex, f);
          await spool!.add(item);
        }
      } else {
        const lines: string[] = [];
        for (const f of primaries) {
          // The same finding from the same client on the same kind of request is told once per session.
          const key = repeatKey(ex, f);
          const seen = repeats.get(key);
          if (seen) {
            seen.count++;
            continue;
          }
          repeats.set(key, { first: index, count: 1, ruleId: f.ruleId, kind: requestKind(ex) });
          lines.push(findingLine(f, paint));
          for (const folded of findings) if (folded.foldedInto === f.ruleId) lines.push(paint('dim', `      also ${folded.ruleId}: ${folded.message}`));
        }
        if (lines.length > 0) await write([`${paint('dim', `#${index}`)} ${paint('bold', ex.request.method)} ${url}  ${paint('dim', '→')} ${outcome(ex)}`, ...lines].join('\n') + '\n\n');
      }
    }
  } catch (err) {
    endProgress();
    spool?.dispose();
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`davscope lint: ${err.message}\n`);
    return 2;
  }

  endProgress();
  for (const w of input.warnings) process.stderr.write(`davscope lint: warning: ${opts.file}: ${w.message}\n`);
  const damaged = input.warnings.filter((w) => w.damaged).length;

  if (opts.format === 'json') {
    try {
      await spool!.emit(n, write);
    } finally {
      spool!.dispose();
    }
  } else {
    const total = counts.error + counts.warning + counts.info;
    const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    const summary = `${plural(n, 'exchange')}, ${plural(total, 'finding')}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
    await write((total === 0 ? paint('green', summary) : paint('bold', summary)) + '\n');
    const repeated = [...repeats.values()].filter((r) => r.count > 1).sort((a, b) => b.count - a.count || a.first - b.first);
    if (repeated.length > 0) {
      await write('\nrepeated (shown once above, at the first exchange):\n' + repeated.map((r) => `  ${r.ruleId} on ${r.kind}: ${r.count} times, first #${r.first}`).join('\n') + '\n');
    }
    if (perRule.size > 0) await write(ruleTable(perRule) + '\n');
  }
  if (damaged) {
    process.stderr.write(`davscope lint: ${opts.file} is damaged: ${damaged} part${damaged === 1 ? '' : 's'} could not be read (see the warnings above)\n`);
    return 2;
  }
  const threshold = opts.failOn === 'never' ? Infinity : RANK[opts.failOn];
  return worst >= threshold ? 1 : 0;
}

/** Findings per rule, most first: where a long report's weight is, at a glance. */
function ruleTable(perRule: ReadonlyMap<string, { severity: Severity; count: number }>): string {
  const rows = [...perRule].sort((a, b) => b[1].count - a[1].count || RANK[b[1].severity] - RANK[a[1].severity] || a[0].localeCompare(b[0]));
  const width = Math.max(4, ...rows.map(([id]) => id.length));
  return ['', `${'rule'.padEnd(width)}  severity  count`, ...rows.map(([id, r]) => `${id.padEnd(width)}  ${r.severity.padEnd(8)}  ${String(r.count).padStart(5)}`)].join('\n');
}
