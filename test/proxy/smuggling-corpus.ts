// The differential request corpus for smuggling.test.ts: malformed or ambiguous raw requests,
// each sent as-is on a fresh TCP connection to the proxy. Strings are byte strings (latin1: one
// char per byte). Targets start with the payload's id (/f07-..., /h03-..., /t12-...) so a
// capture or an upstream log line can be told apart; a request line that should never be parsed
// as a request on its own says /SMUGGLED.
//
// Expected statuses are given only where the behaviour is specified (README: two Hosts 400, more
// header lines than davscope keeps 431, a transfer-coding other than chunked 501); what the
// upstream must see is asserted only where the bug is specific (Connection naming framing or Host).
// Everything else is judged by the differential invariant in smuggling.test.ts alone.

export type PayloadClass = 'framing' | 'header' | 'target';

export interface UpstreamSight {
  method: string;
  target: string;
  headers: [string, string][];
  bodyLength: number;
  complete: boolean;
}

export interface Payload {
  readonly id: string;
  readonly name: string;
  readonly cls: PayloadClass;
  /** The bytes, one char per byte. */
  readonly bytes: string;
  /**
   * How many request heads a correct server could find in the bytes (the reader stops once it
   * has that many complete final responses instead of waiting out the silence). 0: always wait.
   */
  readonly heads?: number;
  /** The one status the client must get (only the README's explicit refusals). */
  readonly status?: number;
  /** The error code davscope captures its refusal with (README: each refusal is captured). */
  readonly refusal?: string;
  /** Extra checks on what the upstream parsed for this payload (returns failure messages). */
  readonly upstream?: (seen: readonly UpstreamSight[], ctx: { upstreamHost: string }) => string[];
}

const SMUGGLED = 'GET /SMUGGLED HTTP/1.1\r\nHost: h\r\n\r\n';
const hex = (n: number) => n.toString(16);
const chunk = (s: string) => `${hex(s.length)}\r\n${s}\r\n`;
/** `n` header lines of 4-5 bytes each: 2,000 of them stay under Node's 16 KiB header limit. */
const tiny = (n: number) => 'x:1\r\n'.repeat(n);

/** Upstream check: the request with this target arrived once, complete, with this body length and one Host naming the upstream. */
function arrivedWhole(target: string, bodyLength: number): NonNullable<Payload['upstream']> {
  return (seen, { upstreamHost }) => {
    const got = seen.filter((r) => r.target === target);
    if (got.length !== 1) return [`the upstream parsed ${got.length} requests for ${target}, expected 1`];
    const r = got[0];
    const out: string[] = [];
    const hosts = r.headers.filter(([n]) => n.toLowerCase() === 'host');
    if (hosts.length !== 1) out.push(`${target} reached the upstream with ${hosts.length} Host fields`);
    else if (hosts[0][1] !== upstreamHost) out.push(`${target} reached the upstream with Host ${JSON.stringify(hosts[0][1])}, expected the upstream's ${upstreamHost}`);
    if (!r.complete) out.push(`${target} reached the upstream without a complete body`);
    if (r.bodyLength !== bodyLength) out.push(`${target} reached the upstream with a ${r.bodyLength}-byte body, expected ${bodyLength}`);
    return out;
  };
}

const P: Payload[] = [];
const counters: Record<PayloadClass, number> = { framing: 0, header: 0, target: 0 };
function add(cls: PayloadClass, slug: string, make: (id: string) => Omit<Payload, 'id' | 'name' | 'cls' | 'bytes'> & { bytes: string }): void {
  const n = ++counters[cls];
  const id = `${cls[0]}${String(n).padStart(2, '0')}`;
  P.push({ id, name: `${id}-${slug}`, cls, ...make(`${id}-${slug}`) });
}

// ---------------------------------------------------------------- framing
const smuggledBody = `0\r\n\r\n${SMUGGLED}`;
add('framing', 'cl-te', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: ${smuggledBody.length}\r\nTransfer-Encoding: chunked\r\n\r\n${smuggledBody}`}));
add('framing', 'te-cl', (id) => {
  const inner = `POST /SMUGGLED HTTP/1.1\r\nHost: h\r\nContent-Length: 15\r\n\r\nx=1`;
  return { bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n${chunk(inner)}0\r\n\r\n` };
});
add('framing', 'two-content-lengths', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`}));
add('framing', 'two-equal-content-lengths', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello`}));
add('framing', 'content-length-list', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\nhello`}));
add('framing', 'content-length-ows', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length:   5  \r\n\r\nhello`}));
add('framing', 'content-length-inner-space', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 1 0\r\n\r\nhelloworld`}));
add('framing', 'content-length-plus', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\nhello`}));
add('framing', 'content-length-hex', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 0x5\r\n\r\nhello`}));
add('framing', 'content-length-leading-zeros', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 0005\r\n\r\nhello`}));
add('framing', 'content-length-negative', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n${SMUGGLED}`}));
add('framing', 'content-length-overflow', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\nhello`}));
add('framing', 'te-chunked-gzip', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n${chunk('hello')}0\r\n\r\n`}));
add('framing', 'te-gzip-chunked', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n${chunk('hello')}0\r\n\r\n`, status: 501, refusal: 'UNSUPPORTED_TRANSFER_CODING' }));
add('framing', 'te-two-fields-gzip-then-chunked', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('hello')}0\r\n\r\n`, status: 501, refusal: 'UNSUPPORTED_TRANSFER_CODING' }));
add('framing', 'te-identity', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello`}));
add('framing', 'te-xchunked', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n${chunk('hello')}0\r\n\r\n`, status: 501, refusal: 'UNSUPPORTED_TRANSFER_CODING' }));
add('framing', 'te-leading-space', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:  chunked\r\n\r\n${chunk('hello')}0\r\n\r\n`}));
add('framing', 'te-capitalised', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n${chunk('hello')}0\r\n\r\n`}));
add('framing', 'te-obs-fold', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\n\r\n${chunk('hello')}0\r\n\r\n`}));
add('framing', 'te-space-before-colon', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\nhello`}));
add('framing', 'te-vertical-tab', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\x0bchunked\r\n\r\n${chunk('hello')}0\r\n\r\n`}));
add('framing', 'chunk-size-not-hex', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`}));
add('framing', 'chunk-size-trailing-space', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n`}));
add('framing', 'chunk-size-0x-prefix', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n`}));
add('framing', 'chunk-size-negative', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n`}));
add('framing', 'chunk-extension', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0;last\r\n\r\n`}));
add('framing', 'chunk-extension-quoted', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;a="b;c"\r\nhello\r\n0\r\n\r\n`}));
add('framing', 'chunk-size-overflow', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF5\r\nhello\r\n0\r\n\r\n${SMUGGLED}`}));
add('framing', 'chunk-longer-than-size', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n`}));
add('framing', 'chunk-missing-final-crlf', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n`, heads: 0}));
add('framing', 'content-length-short-body', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello`, heads: 0}));
add('framing', 'trailer-smuggles-headers', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('hello')}0\r\nContent-Length: 40\r\nHost: evil\r\nTransfer-Encoding: chunked\r\n\r\n`}));
add('framing', 'trailer-then-pipelined', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('hello')}0\r\nX-Trailer: 1\r\n\r\nGET /${id}-next HTTP/1.1\r\nHost: h\r\n\r\n`, heads: 2}));
add('framing', 'bare-lf-everywhere', (id) => ({ bytes: `GET /${id} HTTP/1.1\nHost: h\n\n`}));
add('framing', 'bare-lf-one-header', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\nContent-Length: 5\r\n\r\nhello`}));
add('framing', 'bare-lf-chunk-size', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n`}));
add('framing', 'bare-cr-in-head', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\rX-Other: y\r\n\r\n`}));
add('framing', 'bare-cr-before-content-length', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nX: y\rContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`}));
add('framing', 'connection-content-length', (id) => ({
  bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nConnection: content-length\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`,
  upstream: arrivedWhole(`/${id}`, SMUGGLED.length),
}));
add('framing', 'connection-transfer-encoding', (id) => ({
  bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nConnection: transfer-encoding\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(SMUGGLED)}0\r\n\r\n`,
  upstream: arrivedWhole(`/${id}`, SMUGGLED.length),
}));
add('framing', 'connection-host', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nConnection: host\r\n\r\n`, upstream: arrivedWhole(`/${id}`, 0)}));
add('framing', 'connection-close-content-length', (id) => ({
  bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nConnection: close, content-length\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`,
  upstream: arrivedWhole(`/${id}`, SMUGGLED.length),
}));
add('framing', 'connection-keep-alive-host-te', (id) => ({
  bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Host, Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('hello')}0\r\n\r\n`,
  upstream: arrivedWhole(`/${id}`, 5),
}));
add('framing', 'get-with-body', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`, upstream: arrivedWhole(`/${id}`, SMUGGLED.length)}));
add('framing', 'delete-with-body', (id) => ({ bytes: `DELETE /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`, upstream: arrivedWhole(`/${id}`, SMUGGLED.length)}));
add('framing', 'options-with-body', (id) => ({ bytes: `OPTIONS /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`, upstream: arrivedWhole(`/${id}`, SMUGGLED.length)}));
add('framing', 'head-with-body', (id) => ({ bytes: `HEAD /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`, heads: 0, upstream: arrivedWhole(`/${id}`, SMUGGLED.length)}));
add('framing', 'get-chunked-body', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(SMUGGLED)}0\r\n\r\n`, upstream: arrivedWhole(`/${id}`, SMUGGLED.length)}));
add('framing', 'pipelined-two-gets', (id) => ({ bytes: `GET /${id}-a HTTP/1.1\r\nHost: h\r\n\r\nGET /${id}-b HTTP/1.1\r\nHost: h\r\n\r\n`, heads: 2}));
add('framing', 'pipelined-post-then-get', (id) => ({ bytes: `POST /${id}-a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /${id}-b HTTP/1.1\r\nHost: h\r\n\r\n`, heads: 2}));
add('framing', 'pipelined-three-last-closes', (id) => ({
  bytes: `GET /${id}-a HTTP/1.1\r\nHost: h\r\n\r\nPUT /${id}-b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('x')}0\r\n\r\nDELETE /${id}-c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n`,
  heads: 3,
}));
add('framing', 'pipelined-after-content-length-0', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\nXYZ garbage\r\n\r\n`, heads: 2}));
add('framing', 'content-length-after-2000-headers', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\n${tiny(2000)}Content-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`, status: 431, refusal: 'TOO_MANY_HEADERS' }));
add('framing', 'transfer-encoding-after-2000-headers', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\n${tiny(2000)}Transfer-Encoding: chunked\r\n\r\n${chunk(SMUGGLED)}0\r\n\r\n`, status: 431, refusal: 'TOO_MANY_HEADERS' }));
add('framing', '2001-header-lines', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\n${tiny(2000)}\r\n`, status: 431, refusal: 'TOO_MANY_HEADERS' }));
add('framing', '2000-header-lines-exactly', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\n${tiny(1998)}Content-Length: 5\r\n\r\nhello`}));
add('framing', 'second-host-after-2000-headers', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\n${tiny(2000)}Host: evil\r\n\r\n`, status: 431, refusal: 'TOO_MANY_HEADERS' }));

// ---------------------------------------------------------------- header tricks
add('header', 'two-hosts', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n`, status: 400, refusal: 'DUPLICATE_HOST' }));
add('header', 'two-equal-hosts', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nHost: h\r\n\r\n`, status: 400, refusal: 'DUPLICATE_HOST' }));
add('header', 'two-hosts-with-body', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: a\r\nContent-Length: ${SMUGGLED.length}\r\nHost: b\r\n\r\n${SMUGGLED}`, status: 400, refusal: 'DUPLICATE_HOST' }));
add('header', 'host-ows', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost:    h   \r\n\r\n`}));
add('header', 'host-inner-space', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h x\r\n\r\n`}));
add('header', 'host-empty', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost:\r\n\r\n`}));
add('header', 'host-missing-http11', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nX: y\r\n\r\n`}));
add('header', 'host-space-before-colon', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost : h\r\n\r\n`}));
add('header', 'host-with-userinfo', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: user@evil:80\r\n\r\n`}));
add('header', 'name-space-before-colon', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX-Foo : bar\r\n\r\n`}));
add('header', 'name-not-a-token', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX@Y: 1\r\n\r\n`}));
add('header', 'empty-name', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\n: value\r\n\r\n`}));
add('header', 'line-without-colon', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nJustText\r\n\r\n`}));
add('header', 'nul-in-value', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX-Nul: a\x00b\r\n\r\n`}));
add('header', 'del-in-value', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX-Del: a\x7fb\r\n\r\n`}));
add('header', 'latin1-in-value', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX-Latin: caf\xe9 \xff\r\n\r\n`}));
add('header', 'obs-fold', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n  b\r\n\r\n`}));
add('header', 'long-header-15k', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX-Long: ${'a'.repeat(15_000)}\r\n\r\n`}));
add('header', 'long-header-20k', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`}));
add('header', 'content-length-mixed-case', (id) => ({ bytes: `POST /${id} HTTP/1.1\r\nHost: h\r\ncontent-LENGTH: 5\r\n\r\nhello`, upstream: arrivedWhole(`/${id}`, 5)}));
add('header', 'expect-100-continue-body-sent', (id) => ({ bytes: `PUT /${id} HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello`, upstream: arrivedWhole(`/${id}`, 5)}));
add('header', 'upgrade-h2c', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n`}));
add('header', 'upgrade-websocket-with-smuggled', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n${SMUGGLED}`, heads: 0}));
add('header', 'hop-by-hop-keep-alive-te-trailer', (id) => ({ bytes: `GET /${id} HTTP/1.1\r\nHost: h\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nTrailer: X\r\nProxy-Connection: keep-alive\r\n\r\n`}));
add('header', 'x-forwarded-and-destination', (id) => ({ bytes: `MOVE /${id} HTTP/1.1\r\nHost: h\r\nDestination: http://h/${id}-dest\r\nX-Forwarded-Host: evil\r\n\r\n`}));

// ---------------------------------------------------------------- target tricks
add('target', 'absolute-form', (id) => ({ bytes: `GET http://other/${id} HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'absolute-form-https-port', (id) => ({ bytes: `GET https://other:8443/${id}?q=1 HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'double-slash', (id) => ({ bytes: `GET //${id}//x HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'fragment', (id) => ({ bytes: `GET /${id}#frag HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'asterisk-options', () => ({ bytes: `OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'asterisk-get', () => ({ bytes: `GET * HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'space-in-target', (id) => ({ bytes: `GET /${id} a b HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'tab-in-target', (id) => ({ bytes: `GET /${id}\tb HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'two-spaces', (id) => ({ bytes: `GET  /${id} HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'percent-escapes', (id) => ({ bytes: `GET /${id}/%2e%2e/%2F%00%zz%%41 HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'dot-dot-segments', (id) => ({ bytes: `GET /${id}/../../etc/passwd HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'non-ascii-bytes', (id) => ({ bytes: `GET /${id}-\xc3\xa9-\xff HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'backslash', (id) => ({ bytes: `GET /${id}\\..\\x HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'query-only', (id) => ({ bytes: `GET /${id}?a=b&c&=&%3F HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'no-leading-slash', (id) => ({ bytes: `GET ${id} HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'empty-target', () => ({ bytes: `GET  HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'long-target-8k', (id) => ({ bytes: `GET /${id}/${'a'.repeat(8_000)} HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'connect', () => ({ bytes: `CONNECT other:443 HTTP/1.1\r\nHost: other:443\r\n\r\n`}));
add('target', 'connect-then-smuggled', () => ({ bytes: `CONNECT other:443 HTTP/1.1\r\nHost: other:443\r\n\r\n${SMUGGLED}`, heads: 0}));
add('target', 'http10-with-host', (id) => ({ bytes: `GET /${id} HTTP/1.0\r\nHost: h\r\n\r\n`}));
add('target', 'http10-no-host', (id) => ({ bytes: `GET /${id} HTTP/1.0\r\n\r\n`, upstream: arrivedWhole(`/${id}`, 0)}));
add('target', 'http10-keep-alive-pipelined', (id) => ({ bytes: `GET /${id}-a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /${id}-b HTTP/1.0\r\n\r\n`, heads: 2}));
add('target', 'http09', (id) => ({ bytes: `GET /${id}\r\n\r\n`}));
add('target', 'http12', (id) => ({ bytes: `GET /${id} HTTP/1.2\r\nHost: h\r\n\r\n`}));
add('target', 'http20', (id) => ({ bytes: `GET /${id} HTTP/2.0\r\nHost: h\r\n\r\n`}));
add('target', 'http2-preface', () => ({ bytes: `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`}));
add('target', 'lowercase-version', (id) => ({ bytes: `GET /${id} http/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'unknown-method', (id) => ({ bytes: `FOO /${id} HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'lowercase-method', (id) => ({ bytes: `get /${id} HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'caldav-methods-pipelined', (id) => ({
  bytes:
    `PROPFIND /${id}-a HTTP/1.1\r\nHost: h\r\nDepth: 1\r\nContent-Length: 4\r\n\r\n<x/>` +
    `REPORT /${id}-b HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n` +
    `MKCALENDAR /${id}-c/ HTTP/1.1\r\nHost: h\r\n\r\n`,
  heads: 3,
}));
add('target', 'leading-crlf', (id) => ({ bytes: `\r\nGET /${id} HTTP/1.1\r\nHost: h\r\n\r\n`}));
add('target', 'garbage-line', () => ({ bytes: `\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03 not http at all\r\n\r\n`}));

export const CORPUS: readonly Payload[] = P;
