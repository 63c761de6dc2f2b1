// The corpus (test/corpus/*.jsonl): real exchanges recorded by record-corpus.ts from python3-caldav,
// vdirsyncer, curl and litmus against real Radicale and real Xandikos through the real davscope, and one
// set built from sabre/dav 4's source by make-sabre-fixtures.ts (no sabre/dav runs here; its figures are
// printed apart, as built, not recorded). A fresh engine over each
// file must report what its *.expect.json sidecar states and nothing else (every finding, whatever its
// severity, is listed there with why it is right: the corpus measures precision), and never crash a rule.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRecording } from '../../proxy/recording/reader.ts';
import type { RecordingHeader } from '../../rules/formats/recording/format.ts';
import { createEngine, allRules, CRASH_RULE_ID, getHeader, type Exchange, type Finding } from '../../rules/index.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));

/** Every corpus file; a missing one fails the tests rather than shrinking the corpus silently. */
const CORPUS = [
  'python-caldav-noauth',
  'python-caldav-auth',
  'python-caldav-tasks-sync',
  'vdirsyncer',
  'curl-mistakes',
  'curl-radicale-edges',
  'litmus-basic',
  'sabre-dav-4',
  'xandikos-python-caldav',
  'xandikos-vdirsyncer',
  'xandikos-curl',
] as const;

interface Expectation {
  /** 0-based position of the exchange in the recording. */
  readonly exchange: number;
  /** "METHOD target" of that exchange, so a re-recorded file with shifted indices is noticed. */
  readonly request: string;
  readonly rules: readonly string[];
  /** Why these findings are right (for an error in a clean session: why it is true). */
  readonly why: string;
}

interface Sidecar {
  readonly description: string;
  readonly client: string;
  readonly server: string;
  /** A session by a real client doing nothing wrong on purpose. */
  readonly clean: boolean;
  readonly exchanges: number;
  readonly expect: readonly Expectation[];
}

interface Analysed {
  readonly header: RecordingHeader | undefined;
  readonly warnings: readonly string[];
  readonly exchanges: readonly Exchange[];
  /** Findings of a fresh engine, per exchange index. */
  readonly findings: readonly (readonly Finding[])[];
}

const loaded = new Map<string, Promise<Analysed>>();

function analyse(name: string): Promise<Analysed> {
  let p = loaded.get(name);
  if (!p) {
    p = (async () => {
      const reader = readRecording(join(DIR, `${name}.jsonl`));
      const engine = createEngine({ rules: allRules });
      const exchanges: Exchange[] = [];
      const findings: Finding[][] = [];
      for await (const ex of reader) {
        exchanges.push(ex);
        findings.push(engine.analyse(ex));
      }
      return { header: reader.header, warnings: reader.warnings.map((w) => w.message), exchanges, findings };
    })();
    loaded.set(name, p);
  }
  return p;
}

function sidecar(name: string): Sidecar {
  return JSON.parse(readFileSync(join(DIR, `${name}.expect.json`), 'utf8')) as Sidecar;
}


const requestLine = (ex: Exchange) => `${ex.request.method} ${ex.request.target}`;
const describeFinding = (a: Analysed, i: number, f: Finding) => `#${i} ${requestLine(a.exchanges[i]!)} → ${a.exchanges[i]!.response?.status ?? 'no response'}: ${f.severity} ${f.ruleId}: ${f.message}`;

/** Findings per recording, for the precision figures printed at the end. */
const precision: { name: string; server: string; total: number; unexpected: number }[] = [];
/** Built from a server's source, not recorded from it: its expectations were written beside it. */
const BUILT = new Set<string>(['sabre-dav-4']);
afterAll(() => {
  if (precision.length === 0) return;
  const line = (label: string, total: number, unexpected: number) => `  ${label}: ${total} findings, ${total - unexpected} listed as true, ${unexpected} unexpected`;
  const lines = precision.map((p) => line(`${p.name} (${p.server.split(',')[0]}${BUILT.has(p.name) ? '; built from source, not recorded' : ''})`, p.total, p.unexpected));
  // Per server too, recorded sessions only: a rule right only for Radicale shows up as Xandikos's unexpected findings.
  const perServer = new Map<string, { total: number; unexpected: number }>();
  for (const p of precision.filter((p) => !BUILT.has(p.name))) {
    const key = p.server.split(' ')[0]!;
    const s = perServer.get(key) ?? { total: 0, unexpected: 0 };
    perServer.set(key, { total: s.total + p.total, unexpected: s.unexpected + p.unexpected });
  }
  const servers = [...perServer].map(([server, s]) => line(server, s.total, s.unexpected));
  console.log(`corpus precision:\n${lines.join('\n')}\nper server (recorded sessions):\n${servers.join('\n')}`);
});

describe('the corpus of real exchanges', () => {
  it('holds every listed recording with its expectation sidecar, and nothing unlisted', () => {
    const files = readdirSync(DIR);
    for (const name of CORPUS) {
      expect(files, `test/corpus/${name}.jsonl is missing: run npx tsx test/corpus/record-corpus.ts`).toContain(`${name}.jsonl`);
      expect(files, `test/corpus/${name}.expect.json is missing`).toContain(`${name}.expect.json`);
    }
    const unlisted = files.filter((f) => /\.(jsonl|expect\.json)$/.test(f) && !CORPUS.some((n) => f === `${n}.jsonl` || f === `${n}.expect.json`));
    expect(unlisted, 'corpus files not listed in corpus.test.ts').toEqual([]);
  });

  it('stays small: a few hundred KB in total', () => {
    const total = CORPUS.reduce((sum, name) => sum + readFileSync(join(DIR, `${name}.jsonl`)).length, 0);
    expect(total).toBeLessThan(400 * 1024);
  });

  for (const name of CORPUS) {
    describe(`${name}.jsonl`, () => {
      it('is a readable, redacted davscope recording with the stated number of exchanges, each answered', async () => {
        const s = sidecar(name);
        const a = await analyse(name);
        expect(a.warnings, 'damaged lines').toEqual([]);
        expect(a.header?.redacted).toBe(true);
        expect(a.exchanges).toHaveLength(s.exchanges);
        for (const ex of a.exchanges) {
          expect(ex.response?.status, `${requestLine(ex)} has no response`).toBeTypeOf('number');
          const auth = getHeader(ex.request.headers, 'Authorization');
          if (auth !== undefined) expect(auth, 'credentials left in the recording').toMatch(/\[redacted\]/);
        }
      });

      it('has a sidecar whose expectations name existing rules and the right exchanges, each with its reason', async () => {
        const s = sidecar(name);
        const a = await analyse(name);
        const ids = new Set(allRules.map((r) => r.id));
        for (const e of s.expect) {
          const ex = a.exchanges[e.exchange];
          expect(ex, `exchange ${e.exchange} does not exist`).toBeDefined();
          expect(requestLine(ex!), `exchange ${e.exchange} is not the one the sidecar describes: re-recorded? update ${name}.expect.json`).toBe(e.request);
          for (const r of e.rules) expect(ids.has(r), `unknown rule id ${r}`).toBe(true);
          expect(e.why.trim(), `exchange ${e.exchange} has no reason`).not.toBe('');
        }
      });

      it('raises every rule id its sidecar expects, on the stated exchanges', async () => {
        const s = sidecar(name);
        const a = await analyse(name);
        const missing: string[] = [];
        for (const e of s.expect) {
          const got = new Set((a.findings[e.exchange] ?? []).map((f) => f.ruleId));
          for (const r of e.rules) if (!got.has(r)) missing.push(`#${e.exchange} ${e.request}: ${r} (${e.why})`);
        }
        expect(missing).toEqual([]);
      });

      it('is precise: every finding it raises is listed in its sidecar as true, with the reason', async () => {
        const s = sidecar(name);
        const a = await analyse(name);
        const unexplained: string[] = [];
        let total = 0;
        a.findings.forEach((fs, i) => {
          const listed = new Set(s.expect.filter((e) => e.exchange === i).flatMap((e) => e.rules));
          for (const f of fs) {
            total++;
            if (!listed.has(f.ruleId)) unexplained.push(describeFinding(a, i, f));
          }
        });
        precision.push({ name, server: s.server, total, unexpected: unexplained.length });
        expect(unexplained).toEqual([]);
      });

      it('never crashes a rule', async () => {
        const a = await analyse(name);
        const crashes = a.findings.flatMap((fs, i) => fs.filter((f) => f.ruleId === CRASH_RULE_ID).map((f) => describeFinding(a, i, f)));
        expect(crashes).toEqual([]);
      });
    });
  }
});
