// `davscope lint` as users run it: text and JSON output, exit codes for --fail-on, rule
// configuration from flags and davscope.config.json, HAR input, and unreadable input (exit 2).
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { davscope } from './davscope-cli.ts';
import { BIN } from '../harness/davscope-process.ts';
import { lintSession, NO_SLASH, PRECONDITION, PUT_CREATE, writeLintRecording } from './fixtures.ts';
import { writeHar } from '../../proxy/har/export.ts';
import { chrome } from '../har/foreign-hars.ts';

const dir = mkdtempSync(join(tmpdir(), 'davscope-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (ext = 'jsonl') => join(dir, `f${++n}.${ext}`);

async function session(exchanges = lintSession()): Promise<string> {
  const path = fresh();
  await writeLintRecording(path, exchanges);
  return path;
}

interface LintJson {
  exchanges: number;
  findings: { exchange: number; method: string; url: string; status: number | null; rule: string; severity: string; message: string }[];
}

describe('davscope lint --format json', () => {
  it('prints exactly one object with the exchange count and one entry per finding, positions counted from 1 as in the inspector', async () => {
    const res = await davscope(['lint', await session(), '--format', 'json']);
    expect(res.stdout.trim().split('\n').length).toBe(1);
    const out = JSON.parse(res.stdout) as LintJson;
    expect(Object.keys(out)).toEqual(['exchanges', 'findings']);
    expect(out.exchanges).toBe(5);
    for (const f of out.findings) expect(Object.keys(f).filter((k) => k !== 'foldedInto')).toEqual(['exchange', 'method', 'url', 'status', 'rule', 'severity', 'message', 'party']);
    expect(out.findings.find((f) => f.rule === PUT_CREATE)).toEqual({
      exchange: 2,
      method: 'PUT',
      url: 'http://127.0.0.1:5232/alice/calendar/event-1.ics',
      status: 201,
      rule: PUT_CREATE,
      severity: 'warning',
      message: 'PUT created /alice/calendar/event-1.ics without If-None-Match: *',
      party: 'client',
    });
    expect(out.findings.find((f) => f.rule === NO_SLASH)).toMatchObject({ exchange: 3, method: 'MKCALENDAR', status: 201 });
    expect(out.findings.find((f) => f.rule === PRECONDITION)).toMatchObject({ exchange: 4, status: 403, severity: 'error', message: expect.stringContaining('CALDAV:valid-calendar-data') });
    // Findings come in file order.
    expect(out.findings.map((f) => f.exchange)).toEqual([...out.findings.map((f) => f.exchange)].sort((a, b) => a - b));
    expect(res.code).toBe(1);
  });

  it('prints the whole object even when it is megabytes long on a pipe', async () => {
    const many = Array.from({ length: 600 }, (_, i) => lintSession().map((ex) => ({ ...ex, id: String(i * 5 + ex.seq), seq: i * 5 + ex.seq }))).flat();
    const res = await davscope(['lint', await session(many), '--format', 'json']);
    expect(res.stdout.length).toBeGreaterThan(500_000);
    const out = JSON.parse(res.stdout) as LintJson;
    expect(out.exchanges).toBe(3000);
    expect(out.findings.at(-1)!.exchange).toBeGreaterThanOrEqual(2995);
  });

  it('re-runs the rules rather than trusting findings stored in the file', async () => {
    const [, put] = lintSession();
    const path = await session([{ ...put, findings: [{ ruleId: 'stale/rule', messageId: 'x', severity: 'error', message: 'stale', explanation: '', fix: '', specs: [] }] }]);
    const out = JSON.parse((await davscope(['lint', path, '--format', 'json'])).stdout) as LintJson;
    expect(out.findings.map((f) => f.rule)).toEqual([PUT_CREATE]);
  });
});

describe('davscope lint --format text', () => {
  it('groups findings under each exchange and ends with a summary line and a table per rule, without colour off a TTY', async () => {
    const res = await davscope(['lint', await session()]);
    expect(res.stdout).toContain('#2 PUT http://127.0.0.1:5232/alice/calendar/event-1.ics  → 201 Created\n    warning caldav/put-create-without-if-none-match [client]  PUT created /alice/calendar/event-1.ics without If-None-Match: *\n');
    expect(res.stdout).toMatch(/#4 PUT http:\/\/127\.0\.0\.1:5232\/alice\/calendar\/bad\.ics {2}→ 403 Forbidden\n(    \S+ +\S+ \[client\] {2}.*\n)(      also .*\n)+/);
    // The refusal is told once: the decoded CALDAV:valid-calendar-data is folded under the iCalendar problem.
    expect(res.stdout).toContain('      also webdav/precondition-error: PUT answered 403 with CALDAV:valid-calendar-data');
    expect(res.stdout).not.toMatch(/#5 /);
    const lines = res.stdout.trimEnd().split('\n');
    const at = lines.findIndex((l) => /^5 exchanges, /.test(l));
    const all = JSON.parse((await davscope(['lint', await session(), '--format', 'json'])).stdout) as LintJson;
    // Folded findings are counted with their primary, not on their own.
    const out = { ...all, findings: all.findings.filter((f) => !(f as { foldedInto?: string }).foldedInto) };
    expect(out.findings.length).toBeLessThan(all.findings.length);
    const count = (s: string) => out.findings.filter((f) => f.severity === s).length;
    expect(lines[at]).toBe(`5 exchanges, ${out.findings.length} findings: ${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warnings, ${count('info')} info`);
    // Then one line per rule with its count, the most frequent first, adding up to the total.
    const table = lines.slice(at + 3).map((l) => l.trim().split(/\s+/));
    expect(lines[at + 2]).toMatch(/^rule +severity {2}count$/);
    expect(table.map(([id]) => id).sort()).toEqual([...new Set(out.findings.map((f) => f.rule))].sort());
    expect(table.reduce((n, r) => n + Number(r[2]), 0)).toBe(out.findings.length);
    expect(table.map((r) => Number(r[2]))).toEqual([...table.map((r) => Number(r[2]))].sort((a, b) => b - a));
    expect(res.stdout).not.toContain('\x1b[');
  });

  it('colours severities on a terminal (run under script(1), which gives it a pseudo-terminal)', async () => {
    const path = await session([lintSession()[1]]);
    const env = { ...process.env };
    delete env.NO_COLOR;
    const res = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint ${JSON.stringify(path)}`, '/dev/null'], { env, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('\x1b[33mwarning\x1b[0m');
    expect(res.stdout).toContain('\x1b[1mPUT\x1b[0m');
  });
});

describe('davscope lint on a terminal', () => {
  it('says how far a long lint is on stderr, and clears the line at the end (under script(1))', async () => {
    const path = await session();
    const env = { ...process.env, NO_COLOR: '1', DAVSCOPE_PROGRESS_AFTER_MS: '0' };
    const res = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint ${JSON.stringify(path)} --fail-on never > /dev/null`, '/dev/null'], { env, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/\rdavscope lint: 5 exchanges read, \d+\.\d s…/);
    expect(res.stdout).toContain('\r\x1b[K');
  });
});

describe('davscope lint exit codes and rule configuration', () => {
  it('exits 0 on warnings with the default --fail-on error, 1 with --fail-on warning, 0 with never', async () => {
    const path = await session([lintSession()[1]]);
    const json = JSON.parse((await davscope(['lint', path, '--format', 'json'])).stdout) as LintJson;
    expect(json.findings.map((f) => f.severity)).toEqual(['warning']);
    expect((await davscope(['lint', path])).code).toBe(0);
    expect((await davscope(['lint', path, '--fail-on', 'warning'])).code).toBe(1);
    expect((await davscope(['lint', path, '--fail-on', 'never', '--rule', `${PUT_CREATE}=error`])).code).toBe(0);
  });

  it('changes a severity or turns a rule off with --rule, repeatable', async () => {
    const path = await session([lintSession()[1], lintSession()[2]]);
    const raised = await davscope(['lint', path, '--format', 'json', '--rule', `${PUT_CREATE}=error`]);
    expect(raised.code).toBe(1);
    expect((JSON.parse(raised.stdout) as LintJson).findings.find((f) => f.rule === PUT_CREATE)!.severity).toBe('error');
    const off = await davscope(['lint', path, '--format', 'json', '--rule', `${PUT_CREATE}=off`, '--rule', `${NO_SLASH}=off`]);
    expect((JSON.parse(off.stdout) as LintJson).findings).toEqual([]);
    expect(off.code).toBe(0);
  });

  it('reads davscope.config.json in the working directory, and --rule wins over it', async () => {
    const path = await session([lintSession()[1]]);
    const cwd = join(dir, `cfg${++n}`);
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'davscope.config.json'), JSON.stringify({ rules: { [PUT_CREATE]: 'off' } }));
    expect((JSON.parse((await davscope(['lint', path, '--format', 'json'], { cwd })).stdout) as LintJson).findings).toEqual([]);
    const back = await davscope(['lint', path, '--format', 'json', '--rule', `${PUT_CREATE}=error`], { cwd });
    expect((JSON.parse(back.stdout) as LintJson).findings.map((f) => f.severity)).toEqual(['error']);
  });

  it('refuses an unknown rule id with exit 2, naming the close matches, from a flag or the config file', async () => {
    const path = await session([lintSession()[1]]);
    const flag = await davscope(['lint', path, '--rule', 'caldav/put-create-without-if-none-matc=off']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown rule id "caldav/put-create-without-if-none-matc"; did you mean "caldav/put-create-without-if-none-match"');
    expect(flag.stdout).toBe('');
    const cwd = join(dir, `cfg${++n}`);
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'davscope.config.json'), JSON.stringify({ rules: { 'put-create-without-if-none-match': 'warning' } }));
    const file = await davscope(['lint', path], { cwd });
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/unknown rule id "put-create-without-if-none-match"; did you mean "caldav\/put-create-without-if-none-match"/);
    writeFileSync(join(cwd, 'davscope.config.json'), '{"rules": ');
    const broken = await davscope(['lint', path], { cwd });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/davscope\.config\.json is not valid JSON/);
  });

  it('rejects a bad severity, a bad --format and a missing file argument with exit 2 and a pointer to --help', async () => {
    const path = await session([lintSession()[1]]);
    const sev = await davscope(['lint', path, '--rule', `${PUT_CREATE}=loud`]);
    expect([sev.code, sev.stderr]).toEqual([2, expect.stringContaining(`rule "${PUT_CREATE}": "loud" is not one of off, info, warning, error`)]);
    const fmt = await davscope(['lint', path, '--format', 'xml']);
    expect([fmt.code, fmt.stderr]).toEqual([2, expect.stringMatching(/--format is text or json, not "xml"\nRun "davscope lint --help" for the options\.\n$/)]);
    const none = await davscope(['lint']);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('give the recording or HAR file to lint')]);
  });
});

describe('davscope lint input', () => {
  it('lints a HAR file (davscope-written or from Chrome) the same way, in file order', async () => {
    const har = fresh('har');
    let text = '';
    await writeHar(lintSession(), (c) => void (text += c), { davscopeVersion: 'test' });
    writeFileSync(har, text);
    const fromHar = JSON.parse((await davscope(['lint', har, '--format', 'json'])).stdout) as LintJson;
    const fromRecording = JSON.parse((await davscope(['lint', await session(), '--format', 'json'])).stdout) as LintJson;
    expect(fromHar).toEqual(fromRecording);
    const chromeFile = fresh('har');
    writeFileSync(chromeFile, JSON.stringify(chrome, null, 2));
    const res = await davscope(['lint', chromeFile, '--format', 'json', '--fail-on', 'never']);
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as LintJson).exchanges).toBe(3);
  });

  it('exits 2 with a clear message and prints nothing on stdout for unreadable input', async () => {
    const cases: [string, RegExp][] = [
      ['\x00\x01\x02garbage\xff', /is neither a davscope recording nor a HAR file/],
      ['{"format":"davscope-recording","version":1,"created":"2025-01-01T00:00:00.000Z"', /is not a davscope recording: its first line is not JSON/],
      ['{"format":"pcap-ng","version":1}\n', /is not a davscope recording: its first line has no "format": "davscope-recording"/],
      ['{"format":"davscope-recording","version":2}\n{}\n', /was written by a newer davscope \(recording format version 2; .*\): upgrade davscope/],
      [JSON.stringify(chrome).slice(0, 900), /is truncated: the JSON stops before its end/],
      ['', /is empty/],
    ];
    for (const [content, message] of cases) {
      const path = fresh();
      writeFileSync(path, content, 'latin1');
      const res = await davscope(['lint', path, '--format', 'json']);
      expect({ code: res.code, stdout: res.stdout }).toEqual({ code: 2, stdout: '' });
      expect(res.stderr).toMatch(message);
    }
    const missing = await davscope(['lint', join(dir, 'nope.jsonl')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/nope\.jsonl does not exist/)]);
  });

  it('treats a torn last line as a warning (exit by findings) but a corrupt middle line as damage (exit 2)', async () => {
    const torn = await session([lintSession()[1], lintSession()[2]]);
    truncateSync(torn, statSync(torn).size - 25);
    const t = await davscope(['lint', torn, '--format', 'json']);
    expect(t.code).toBe(0);
    expect((JSON.parse(t.stdout) as LintJson).exchanges).toBe(1);
    expect(t.stderr).toMatch(/warning: .*line 3 is incomplete/);

    const corrupt = await session([lintSession()[1]]);
    const lines = readFileSync(corrupt, 'utf8').split('\n');
    writeFileSync(corrupt, [lines[0], '{not json', ...lines.slice(1)].join('\n'));
    appendFileSync(corrupt, '');
    const c = await davscope(['lint', corrupt, '--format', 'json']);
    expect(c.code).toBe(2);
    expect((JSON.parse(c.stdout) as LintJson).exchanges).toBe(1);
    expect(c.stderr).toMatch(/line 2 is not a valid exchange/);
    expect(c.stderr).toMatch(/is damaged: 1 part could not be read/);
  });
});

describe('davscope rules', () => {
  it('lists every rule with its severity and summary, and explains one by id', async () => {
    const list = await davscope(['rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^caldav\/put-create-without-if-none-match +warning +\S.*$/m);
    expect(list.stdout).toMatch(/\n\d+ rules; `davscope rules ID` explains one\.\n$/);
    const one = await davscope(['rules', PRECONDITION]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^webdav\/precondition-error {2}\(default severity: \w+\)/);
    expect(one.stdout).toMatch(/Specs:\n {2}RFC \d+.* https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+/);
    const typo = await davscope(['rules', 'webdav/precondition-eror']);
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringContaining('did you mean "webdav/precondition-error"')]);
  });
});
