// The presets: one fault per way CalDAV servers fail, each with what it does and what a correct
// client does next, with the RFC section that says so. `davscope faults` and the page list them.
import type { FaultSpec } from './spec.ts';

export interface FaultPreset {
  readonly fault: FaultSpec;
  /** What the fault does, in a sentence. */
  readonly does: string;
  /** What a correct client does next. */
  readonly correctClient: string;
  /** e.g. "RFC 6578 §3.2". */
  readonly spec: string;
}

const XML = ['Content-Type', 'application/xml; charset=utf-8'] as const;
const error = (inner: string) => `<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">${inner}</D:error>\n`;
const WRITES = ['PUT', 'DELETE', 'PROPPATCH', 'MKCALENDAR', 'MKCOL', 'MOVE', 'COPY'];

export const PRESETS: readonly FaultPreset[] = [
  {
    fault: { name: 'concurrent-edit', match: { methods: ['PUT', 'DELETE'], header: { name: 'If-Match' } }, action: { kind: 'answer', status: 412, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'The resource changed since you read it.\n' } },
    does: 'a PUT or DELETE with If-Match gets 412 Precondition Failed, and nothing reaches the server',
    correctClient: 'GET the object again, merge its changes with the local ones, and retry with the new ETag; never resend the same If-Match',
    spec: 'RFC 9110 §13.1.1, RFC 4791 §5.3.4',
  },
  {
    fault: { name: 'create-collision', match: { methods: ['PUT'], header: { name: 'If-None-Match', contains: '*' } }, action: { kind: 'answer', status: 412, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'A resource already exists at this URL.\n' } },
    does: 'a PUT with If-None-Match: * gets 412: something already exists at that URL',
    correctClient: 'do not overwrite: fetch what is there, then update it with If-Match or create under a new name',
    spec: 'RFC 9110 §13.1.2, RFC 4791 §5.3.2',
  },
  {
    fault: {
      name: 'uid-conflict',
      match: { methods: ['PUT'], path: '**/*.ics' },
      action: { kind: 'answer', status: 409, headers: [XML], body: error('<C:no-uid-conflict><D:href>{collection}uid-holder.ics</D:href></C:no-uid-conflict>') },
    },
    does: 'a PUT gets 409 with CALDAV:no-uid-conflict naming another href that holds the same UID',
    correctClient: 'update the object at the named href (or give the new one another UID); do not retry the same PUT',
    spec: 'RFC 4791 §5.3.2.1',
  },
  {
    fault: { name: 'sync-token-expired', match: { methods: ['REPORT'], syncToken: true }, action: { kind: 'answer', status: 403, headers: [XML], body: error('<D:valid-sync-token/>') } },
    does: 'a sync-collection REPORT with a token gets 403 DAV:valid-sync-token',
    correctClient: 'drop the token and sync again from scratch with an empty sync-token, then compare with what it holds',
    spec: 'RFC 6578 §3.2',
  },
  {
    fault: { name: 'sync-truncated', match: { methods: ['REPORT'], xmlElement: '{DAV:}sync-collection', times: 1 }, action: { kind: 'truncate-sync', keep: 1 } },
    does: "a sync-collection answer is cut to its first member plus a 507 for the collection, with the request's own token, once",
    correctClient: 'apply what came, then send sync-collection again with the returned token until no 507 comes back',
    spec: 'RFC 6578 §3.6',
  },
  {
    fault: { name: 'busy', match: { times: 1 }, action: { kind: 'answer', status: 503, headers: [['Retry-After', '2'], ['Content-Type', 'text/plain; charset=utf-8']], body: 'Busy: try again in 2 seconds.\n' } },
    does: 'the first request gets 503 Service Unavailable with Retry-After: 2',
    correctClient: 'wait at least the Retry-After time before trying again, and not hammer the server',
    spec: 'RFC 9110 §15.6.4, §10.2.3',
  },
  {
    fault: { name: 'credentials-expired', match: { nth: 3 }, action: { kind: 'answer', status: 401, headers: [['WWW-Authenticate', 'Basic realm="davscope"'], ['Content-Type', 'text/plain; charset=utf-8']], body: 'Credentials expired.\n' } },
    does: 'the third request gets 401 with a Basic challenge, as if the password had just been changed',
    correctClient: 'ask the user for credentials again (or refresh its token) instead of retrying the same ones in a loop',
    spec: 'RFC 9110 §11.6.1, §15.5.2',
  },
  {
    fault: {
      name: 'read-only',
      match: { methods: WRITES },
      action: { kind: 'answer', status: 403, headers: [XML], body: error('<D:need-privileges><D:resource><D:href>{path}</D:href><D:privilege><D:write/></D:privilege></D:resource></D:need-privileges>') },
    },
    does: 'every write (PUT, DELETE, PROPPATCH, MKCALENDAR, MKCOL, MOVE, COPY) gets 403 DAV:need-privileges',
    correctClient: 'tell the user the calendar is read-only and keep the change locally; do not retry',
    spec: 'RFC 3744 §7.1.1',
  },
  {
    fault: { name: 'quota', match: { methods: ['PUT'] }, action: { kind: 'answer', status: 507, headers: [XML], body: error('<D:quota-not-exceeded/>') } },
    does: 'every PUT gets 507 Insufficient Storage with DAV:quota-not-exceeded',
    correctClient: 'tell the user the account is full and keep the change; do not retry in a loop',
    spec: 'RFC 4331 §6',
  },
  {
    fault: { name: 'slow', match: {}, action: { kind: 'delay', ms: 2000, when: 'before-forward' } },
    does: 'every request waits 2 s before it is forwarded',
    correctClient: 'keep working with timeouts that allow for it, show progress, and not send the same request again in parallel',
    spec: 'RFC 9110 §9.2.2 (retrying only idempotent requests)',
  },
  {
    fault: { name: 'slow-body', match: { methods: ['GET', 'PROPFIND', 'REPORT'] }, action: { kind: 'throttle', bytesPerSecond: 4096 } },
    does: 'answers to GET, PROPFIND and REPORT come back at 4 kB/s',
    correctClient: 'keep reading while bytes flow instead of timing out on the whole answer',
    spec: 'RFC 9110 §9.2.2',
  },
  {
    fault: { name: 'drop', match: { methods: ['GET', 'PROPFIND', 'REPORT'], times: 1 }, action: { kind: 'reset', when: 'mid-body' } },
    does: 'the first answer to a GET, PROPFIND or REPORT is cut halfway through its body and the connection closed',
    correctClient: 'treat the answer as failed (never as complete), and retry the idempotent request',
    spec: 'RFC 9112 §8, RFC 9110 §9.2.2',
  },
  {
    fault: { name: 'etag-withheld', match: { methods: ['PUT'] }, action: { kind: 'alter', removeHeaders: ['ETag'] } },
    does: "the answer to a PUT loses its ETag header, as servers do when they changed what was stored",
    correctClient: 'GET (or PROPFIND getetag) the object to learn its ETag and what the server stored, before the next conditional request',
    spec: 'RFC 4791 §5.3.4',
  },
  {
    fault: {
      name: 'slash-redirect',
      match: { methods: ['MKCALENDAR', 'MKCOL'], trailingSlash: false },
      action: { kind: 'answer', status: 301, headers: [['Location', '{origin}{path}/'], ['Content-Type', 'text/html; charset=utf-8']], body: '<html><head><title>Moved Permanently</title></head><body><h1>Moved Permanently</h1><p>The resource has moved.</p></body></html>' },
    },
    does: 'MKCALENDAR or MKCOL without a trailing slash gets 301 to the slashed URL and nothing is created (Apple CalendarServer)',
    correctClient: 'send the MKCALENDAR again to the slashed URL; a GET that follows the redirect does not create the calendar',
    spec: 'RFC 4918 §5.2, RFC 4791 §5.3.1',
  },
];

export function presetNamed(name: string): FaultPreset | undefined {
  return PRESETS.find((p) => p.fault.name === name);
}
