// Sample exchanges covering what a recording must keep: header order and case, binary and
// compressed bodies, truncation, an unavailable body, a transport error, findings.
import zlib from 'node:zlib';
import type { Exchange, Finding } from '../../rules/model/exchange.ts';

export const UPSTREAM = 'http://127.0.0.1:5232/';
const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);
const enc = new TextEncoder();

export const FINDING: Finding = {
  ruleId: 'caldav/put-create-without-if-none-match',
  messageId: 'missing',
  severity: 'warning',
  message: 'PUT created /alice/cal/e1.ics without If-None-Match: *',
  explanation: 'A create without If-None-Match: * can overwrite.',
  fix: 'Send If-None-Match: *.',
  specs: [{ spec: 'RFC 4791', section: '5.3.2', url: 'https://www.rfc-editor.org/rfc/rfc4791#section-5.3.2' }],
  location: { side: 'request', header: 'If-None-Match' },
};

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e1\r\nSUMMARY:Caf\u00e9 \u2615\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
export const BINARY = new Uint8Array([0, 1, 2, 0xff, 0xfe, 0x80, 10, 13, 0x7f, 0xc3]);
const XML = '<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/alice/</d:href></d:response></d:multistatus>';
const GZ = new Uint8Array(zlib.gzipSync(Buffer.from(XML)));

export function sampleExchanges(): Exchange[] {
  const put: Exchange = {
    id: '1',
    seq: 1,
    source: 'live',
    upstream: UPSTREAM,
    request: {
      method: 'PUT',
      target: '/alice/cal/e1.ics',
      httpVersion: '1.1',
      headers: [['Host', '127.0.0.1:8088'], ['content-type', 'text/calendar; charset=utf-8'], ['X-Dup', 'a'], ['X-DUP', 'b'], ['Content-Length', String(enc.encode(ICS).length)]],
      body: { kind: 'captured', bytes: enc.encode(ICS), size: enc.encode(ICS).length, truncated: false },
    },
    response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: [['ETag', '"abc"'], ['Content-Length', '0']], body: { kind: 'none' } },
    timings: { startedAt: T0, requestEnd: 1.5, responseStart: 7.25, end: 8.125 },
    findings: [FINDING],
  };
  const binary: Exchange = {
    id: '2',
    seq: 2,
    source: 'live',
    upstream: UPSTREAM,
    request: { method: 'GET', target: '/alice/blob.bin?x=1&y=%20z', httpVersion: '1.1', headers: [['Host', '127.0.0.1:8088']], body: { kind: 'none' } },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'application/octet-stream'], ['Content-Length', String(BINARY.length)]],
      body: { kind: 'captured', bytes: BINARY, size: BINARY.length, truncated: false },
    },
    timings: { startedAt: T0 + 10, requestEnd: 0.5, responseStart: 2, end: 3 },
    findings: [],
  };
  const gzip: Exchange = {
    id: '3',
    seq: 3,
    source: 'live',
    upstream: UPSTREAM,
    request: { method: 'PROPFIND', target: '/alice/', httpVersion: '1.1', headers: [['Host', '127.0.0.1:8088'], ['Depth', '0'], ['Accept-Encoding', 'gzip']], body: { kind: 'none' } },
    response: {
      status: 207,
      statusText: 'Multi-Status',
      httpVersion: '1.1',
      headers: [['Content-Type', 'application/xml; charset=utf-8'], ['Content-Encoding', 'gzip'], ['Content-Length', String(GZ.length)]],
      body: { kind: 'captured', bytes: GZ, size: GZ.length, truncated: false, contentEncoding: 'gzip', decoded: enc.encode(XML) },
    },
    timings: { startedAt: T0 + 20, requestEnd: 0.25, responseStart: 3, end: 4 },
    findings: [],
  };
  const truncated: Exchange = {
    id: '4',
    seq: 4,
    source: 'live',
    upstream: UPSTREAM,
    request: {
      method: 'PUT',
      target: '/alice/big.ics',
      httpVersion: '1.1',
      headers: [['Content-Type', 'text/calendar']],
      body: { kind: 'captured', bytes: enc.encode('BEGIN:VCALENDAR\r\n'), size: 5_000_000, truncated: true },
    },
    response: { status: 507, statusText: 'Insufficient Storage', httpVersion: '1.1', headers: [], body: { kind: 'unavailable', size: 12, reason: 'aborted' } },
    timings: { startedAt: T0 + 30, requestEnd: 50, responseStart: 51, end: 52 },
    findings: [],
  };
  const refused: Exchange = {
    id: '5',
    seq: 5,
    source: 'live',
    upstream: UPSTREAM,
    request: { method: 'REPORT', target: '/alice/cal/', httpVersion: '1.1', headers: [['Depth', '1'], ['Content-Type', 'application/xml']], body: { kind: 'captured', bytes: enc.encode(XML), size: XML.length, truncated: false } },
    error: { phase: 'connect', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5232' },
    timings: { startedAt: T0 + 40, end: 1 },
    findings: [],
  };
  return [put, binary, gzip, truncated, refused];
}

/** Exchanges the workbench makes: resent (linked), edited by intercept (from a client that came over TLS), replayed, a replay miss, injected by a fault. */
export function derivedExchanges(): Exchange[] {
  const [put] = sampleExchanges();
  return [
    { ...put!, id: '20', seq: 20, source: 'resent', basedOn: '1' },
    {
      ...put!,
      id: '21',
      seq: 21,
      clientTls: true,
      intercept: { outcome: 'edited', heldMs: 812, original: { method: 'PUT', target: '/alice/cal/old.ics', headers: [['Host', '127.0.0.1:8088'], ['X-Client', 'one']] } },
    },
    { ...put!, id: '22', seq: 22, source: 'replayed', basedOn: '1' },
    {
      ...put!,
      id: '23',
      seq: 23,
      source: 'replayed',
      replayMiss: [{ id: '1', seq: 1, method: 'PUT', target: '/alice/cal/e1.ics', differences: ['the body differs: SUMMARY'] }],
    },
    { ...put!, id: '24', seq: 24, source: 'injected', fault: { name: 'quota', did: 'answered 507 without forwarding' } },
  ];
}

/** An exchange whose findings name parties, one folded under its primary, and one from before parties (none named). */
export function foldedExchange(): Exchange {
  const [first] = sampleExchanges();
  return {
    ...first!,
    findings: [
      { ...FINDING, ruleId: 'webdav/precondition-error', party: 'client' },
      { ...FINDING, ruleId: 'caldav/uid-conflict-on-create', party: 'client', foldedInto: 'webdav/precondition-error' },
      FINDING,
    ],
  };
}

/** What a reader must give back of foldedExchange()'s findings: rule, party, foldedInto. */
export const FOLDED_FINDINGS = [
  ['webdav/precondition-error', 'client', undefined],
  ['caldav/uid-conflict-on-create', 'client', 'webdav/precondition-error'],
  [FINDING.ruleId, undefined, undefined],
];
