// The page's small pure helpers in Node: copy-as-curl quoting, paths relative to the target, HAR
// and recording parsing with the rules run on the result.
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../ui/lib/curl.ts';
import { originTag, relativeTarget } from '../../ui/lib/format.ts';
import { compareHeaders } from '../../ui/lib/compare-headers.ts';
import { draftOf } from '../../ui/lib/editor-draft.ts';
import { HIDDEN, maskedHeaderValue } from '../../ui/lib/mask.ts';
import { closeTruncatedXml } from '../../rules/parse/kept-part.ts';
import { parseXml } from '../../rules/parse/xml/scan.ts';
import { harToWire } from '../../ui/lib/har-import.ts';
import { openFileText } from '../../ui/lib/open-file.ts';
import { hasTerm, withTerm } from '../../ui/lib/filter-terms.ts';
import { interopReportOf } from '../../ui/lib/interop-report.ts';
import { compileFilterText } from '../../rules/filter/language.ts';
import type { WireExchange } from '../../rules/model/wire.ts';

const put: WireExchange = {
  id: '1', seq: 1, source: 'live', upstream: 'http://127.0.0.1:5232/',
  request: {
    method: 'PUT', target: "/anon/cal/it's.ics", httpVersion: '1.1',
    headers: [['Host', '127.0.0.1:8088'], ['Content-Type', 'text/calendar'], ['X-Note', `a'b; $(rm -rf /) \`id\``], ['Content-Length', '5']],
    body: { kind: 'captured', size: 5, truncated: false, encoding: 'utf8', data: "it's" },
  },
  timings: { startedAt: 0 }, findings: [],
};

describe('copy as curl', () => {
  it('single-quotes everything, so captured text cannot break out of the command', () => {
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
    const cmd = curlCommand(put, 'http://127.0.0.1:8088/');
    expect(cmd).toBe(`curl -i --globoff --path-as-is -X 'PUT' -H 'Content-Type: text/calendar' -H 'X-Note: a'\\''b; $(rm -rf /) \`id\`' --data-raw 'it'\\''s' 'http://127.0.0.1:8088/anon/cal/it'\\''s.ics'`);
  });

  it('never makes curl read a local file: a text body goes with --data-raw, which does not read @file', () => {
    const cmd = curlCommand({ ...put, request: { ...put.request, body: { kind: 'captured', size: 12, truncated: false, encoding: 'utf8', data: '@/etc/passwd' } } }, 'http://h/');
    expect(cmd).toContain(`--data-raw '@/etc/passwd'`);
    expect(cmd).not.toContain('--data-binary');
    // A binary body comes from stdin, never from a file named by captured data.
    const bin = curlCommand({ ...put, request: { ...put.request, body: { kind: 'captured', size: 3, truncated: false, encoding: 'base64', data: 'AAEC' } } }, 'http://h/');
    expect(bin).toContain(`--data-binary @-`);
  });

  it('always targets the proxy with the captured path and query, whatever form the request-target had', () => {
    const at = (target: string) => curlCommand({ ...put, request: { ...put.request, target } }, 'http://127.0.0.1:8088/');
    const url = (cmd: string) => /'([^']*)'$/.exec(cmd)![1];
    expect(url(at('http://evil.example/x?a=1'))).toBe('http://127.0.0.1:8088/x?a=1');
    expect(url(at('https://u:p@evil.example:444'))).toBe('http://127.0.0.1:8088/');
    expect(url(at('//evil.example/x'))).toBe('http://127.0.0.1:8088//evil.example/x');
    expect(url(at('/cal/e.ics?x=1#frag'))).toBe('http://127.0.0.1:8088/cal/e.ics?x=1');
    expect(url(at('evil.example/x'))).toBe('http://127.0.0.1:8088/evil.example/x');
    // The proxy's own base path does not matter: paths are forwarded as sent.
    expect(url(curlCommand({ ...put, request: { ...put.request, target: '/anon/x' } }, 'http://127.0.0.1:8088/dav/'))).toBe('http://127.0.0.1:8088/anon/x');
    // Brackets and braces are curl URL globs: they must reach the server as they are, one request.
    expect(at('/a[1-9]{x,y}')).toContain('--globoff');
  });

  it('says when the body was not captured whole, after the command so it still runs', () => {
    const cmd = curlCommand({ ...put, request: { ...put.request, body: { kind: 'captured', size: 9000, truncated: true, encoding: 'utf8', data: 'abc' } } }, 'http://h/');
    expect(cmd).toMatch(/'http:\/\/h\/anon\/cal\/it'\\''s\.ics' {2}# the body was truncated at capture \(9000 bytes on the wire\)$/);
  });
});

describe('paths relative to the target', () => {
  it('strips the target base path, and leaves other paths whole', () => {
    expect(relativeTarget('/dav/cal/e.ics', 'https://h/dav/')).toBe('/cal/e.ics');
    expect(relativeTarget('/other/x', 'https://h/dav/')).toBe('/other/x');
    expect(relativeTarget('/anon/cal/', 'http://h/')).toBe('/anon/cal/');
  });
});

describe('opening files in the page', () => {
  it('maps a HAR entry onto the exchange model, base64 bodies and failed entries included', () => {
    const { exchanges, warnings } = harToWire({
      log: {
        entries: [
          { startedDateTime: '2025-01-01T00:00:00Z', time: 5, request: { method: 'REPORT', url: 'https://h/dav/cal/?x=1', httpVersion: 'HTTP/1.1', headers: [{ name: 'Depth', value: '1' }], postData: { text: 'PGEvPg==', encoding: 'base64' } }, response: { status: 207, statusText: 'Multi-Status', headers: [], content: { size: 3, text: 'abc' } }, timings: { send: 1, wait: 3, receive: 1 } },
          { request: { method: 'GET', url: 'https://h/x' }, response: { status: 0 } },
          { request: { method: 'GET', url: 'relative/only' } },
        ],
      },
    });
    expect(exchanges).toHaveLength(2);
    expect(exchanges[0]).toMatchObject({ upstream: 'https://h/', request: { method: 'REPORT', target: '/dav/cal/?x=1', httpVersion: '1.1', headers: [['Depth', '1']], body: { kind: 'captured', encoding: 'utf8', data: '<a/>' } }, response: { status: 207, body: { kind: 'captured', encoding: 'utf8', data: 'abc', truncated: false } }, timings: { requestEnd: 1, responseStart: 4, end: 5 } });
    expect(exchanges[1]!.error?.code).toBe('NO_RESPONSE');
    expect(warnings).toEqual(['entry 3: its URL "relative/only" is not absolute; skipped']);
  });

  it('runs the rules on a recording and says what it cannot read', () => {
    const header = JSON.stringify({ format: 'davscope-recording', version: 1, created: '2025-01-01T00:00:00Z' });
    const line = JSON.stringify({ ...put, request: { ...put.request, target: '/anon/cal/e.ics' }, response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [], body: { kind: 'none' } } });
    const result = openFileText(`${header}\n${line}\n{"id": "2", "seq"`);
    expect(result.format).toBe('davscope-recording');
    expect(result.rows.map((r) => r.state)).toEqual(['analysed']);
    expect(result.rows[0]!.ruleIds).toContain('caldav/put-create-without-if-none-match');
    expect(result.warnings).toEqual(['line 3 is not complete JSON; skipped']);
    expect(() => openFileText('{"format":"davscope-recording","version":99}\n')).toThrow(/format version 1; this one is version 99/);
    expect(() => openFileText('hello')).toThrow(/neither a davscope recording .* nor a HAR file/);
  });

  it('reads an older recording through the same upgrade chain as the CLI, and skips a line that is no exchange', () => {
    const header = JSON.stringify({ format: 'davscope-recording', version: 0, created: '2024-11-01T10:00:00.000Z', upstream: 'http://127.0.0.1:5232/' });
    const v0 = JSON.stringify({
      seq: 7,
      upstream: 'http://127.0.0.1:5232/',
      startedAt: Date.UTC(2024, 10, 1, 10),
      request: { method: 'PUT', target: '/anon/cal/e.ics', httpVersion: '1.1', headers: [{ name: 'Content-Type', value: 'text/calendar' }], body: { base64: btoa('BEGIN:VCALENDAR'), size: 15, truncated: false } },
      response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [], body: null },
    });
    const result = openFileText(`${header}\n${v0}\n{"id":"9","seq":9}\n`);
    expect(result.exchanges).toHaveLength(1);
    expect(result.exchanges[0]).toMatchObject({ id: '7', request: { target: '/anon/cal/e.ics', headers: [['Content-Type', 'text/calendar']], body: { kind: 'captured', data: 'BEGIN:VCALENDAR' } } });
    expect(result.rows[0]!.ruleIds).toContain('caldav/put-create-without-if-none-match');
    expect(result.warnings).toEqual([expect.stringMatching(/^line 3 is not a valid exchange \(.+\); skipped$/)]);
  });
});

describe('originTag', () => {
  it('says nothing for live traffic and names resent, replayed, composed and intercepted exchanges', () => {
    expect(originTag({ source: 'live' })).toBe('');
    expect(originTag({ source: 'resent', basedOn: '12' })).toBe('resent from #12');
    expect(originTag({ source: 'replayed', basedOn: '3' })).toBe('replay of #3');
    expect(originTag({ source: 'replayed' })).toBe('replay miss');
    expect(originTag({ source: 'composed' })).toBe('composed');
    expect(originTag({ source: 'import' })).toBe('');
    expect(originTag({ source: 'live', intercepted: 'edited' })).toBe('intercept: edited');
  });
});

describe('compareHeaders', () => {
  it('lines headers up by name, case-insensitively, joining repeats, and says what changed', () => {
    expect(compareHeaders([['Depth', '0'], ['X-A', '1'], ['x-a', '2'], ['Gone', 'g']], [['depth', '1'], ['X-A', '1, 2'], ['New', 'n']])).toEqual([
      { name: 'Depth', left: '0', right: '1', kind: 'changed' },
      { name: 'X-A', left: '1, 2', right: '1, 2', kind: 'same' },
      { name: 'Gone', left: 'g', kind: 'removed' },
      { name: 'New', right: 'n', kind: 'added' },
    ]);
  });
});

describe('draftOf', () => {
  const ex = (body: WireExchange['request']['body']): WireExchange => ({
    id: '7', seq: 7, source: 'live', upstream: 'http://h/', timings: { startedAt: 0 }, findings: [],
    request: { method: 'PUT', target: '/a.ics', httpVersion: '1.1', headers: [['Content-Type', 'text/calendar']], body },
  });
  it('takes a text body to edit, and links a live exchange for resending', () => {
    expect(draftOf(ex({ kind: 'captured', size: 3, truncated: false, encoding: 'utf8', data: 'abc' }), true)).toEqual({ method: 'PUT', target: '/a.ics', headers: [['Content-Type', 'text/calendar']], body: 'abc', resentFrom: '7' });
  });
  it('keeps a binary body as bytes to send unchanged, and no link for an exchange from a file', () => {
    const d = draftOf(ex({ kind: 'captured', size: 2, truncated: false, encoding: 'base64', data: '/wA=' }), false);
    expect(d).toMatchObject({ body: '', bodyBase64: '/wA=' });
    expect(d.resentFrom).toBeUndefined();
  });
});

describe('masking credentials', () => {
  it('hides what authenticates, keeps the scheme and cookie names, and leaves the rest alone', () => {
    expect(maskedHeaderValue('Authorization', 'Basic YWxpY2U6c2VjcmV0')).toBe(`Basic ${HIDDEN}`);
    expect(maskedHeaderValue('cookie', 'a=1; sid=xyz')).toBe(`a=${HIDDEN}; sid=${HIDDEN}`);
    expect(maskedHeaderValue('Set-Cookie', 'sid=xyz; Path=/; HttpOnly')).toBe(`sid=${HIDDEN}; Path=/; HttpOnly`);
    expect(maskedHeaderValue('X-Api-Key', 'k-123')).toBe(HIDDEN);
    expect(maskedHeaderValue('Depth', '1')).toBe('1');
  });

  it('keeps credentials out of copy as curl until revealed, and says so', () => {
    const ex: WireExchange = {
      id: '1', seq: 1, source: 'live', upstream: 'http://h/', timings: { startedAt: 0 }, findings: [],
      request: { method: 'GET', target: '/a', httpVersion: '1.1', headers: [['Authorization', 'Basic YWxpY2U6c2VjcmV0']], body: { kind: 'none' } },
    };
    const hidden = curlCommand(ex, 'http://127.0.0.1:8088/');
    expect(hidden).not.toContain('YWxpY2U6c2VjcmV0');
    expect(hidden).toContain('# Authorization is hidden: reveal the credentials to copy it');
    expect(curlCommand(ex, 'http://127.0.0.1:8088/', { revealCredentials: true })).toContain('Basic YWxpY2U6c2VjcmV0');
  });
});

describe('closeTruncatedXml', () => {
  it('cuts after the last complete tag and closes what was open, so a truncated 207 parses', () => {
    const whole = '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/a</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response><D:response><D:href>/b</D:href></D:response></D:multistatus>';
    const cut = whole.slice(0, whole.indexOf('/b') + 1);
    const closed = closeTruncatedXml(cut)!;
    expect(closed).toBe(`${whole.slice(0, whole.indexOf('<D:href>/b') + '<D:href>'.length)}</D:href></D:response></D:multistatus>`);
    expect(parseXml(closed).ok).toBe(true);
    expect(closed.endsWith('</D:response></D:multistatus>')).toBe(true);
    expect(closeTruncatedXml('no tags at all')).toBeUndefined();
    expect(closeTruncatedXml('<a><b/></a>')).toBe('<a><b/></a>');
  });
});

describe('the filter shortcut terms', () => {
  it('ANDs a term into an OR in any case without changing what the rest picks, and takes it out again', () => {
    for (const typed of ['method:PUT or method:GET', 'method:PUT OR method:GET', 'method:PUT Or (status:4xx)']) {
      const on = withTerm(typed, 'party:server', true);
      expect(on).toBe(`(${typed}) and party:server`);
      // A PUT with no server fault must not match: party:server binds to the whole OR.
      const m = compileFilterText(on);
      expect(m({ method: 'PUT', target: '/x', requestHeaders: [], parties: [] })).toBe(false);
      expect(m({ method: 'PUT', target: '/x', requestHeaders: [], parties: ['server'] })).toBe(true);
      expect(hasTerm(on, 'party:server')).toBe(true);
    }
    expect(withTerm('method:PUT status:4xx', 'party:server', true)).toBe('method:PUT status:4xx and party:server');
    expect(withTerm('(method:PUT or x) and party:server', 'party:server', false)).toBe('(method:PUT or x)');
    expect(withTerm('', 'party:server', true)).toBe('party:server');
  });
});

describe('opening an interop report', () => {
  it('reads a report, and leaves a file that only mentions one (a HAR of the inspector) to the other readers', () => {
    const report = { davscopeInterop: 1, recording: 'r.jsonl', columns: [{ name: 'recorded', url: 'u' }], rows: [], summary: [], capabilities: {} };
    expect(interopReportOf(JSON.stringify(report))?.recording).toBe('r.jsonl');
    // The text holds "davscopeInterop" in quotes, but not as the report's own key.
    expect(interopReportOf(JSON.stringify({ log: { comment: '"davscopeInterop": 2' } }))).toBeUndefined();
    expect(() => interopReportOf(JSON.stringify({ ...report, davscopeInterop: 2 }))).toThrow(/version 1/);
  });
});
