// The client request as davscope frames it, read from the raw header lines (never from Node's
// `req.headers`, which stops at maxHeadersCount while its parser frames the body by every line),
// and the requests davscope refuses rather than forward ambiguously. Node's parser already
// answers 400 to the classic smuggling shapes (CL with TE, two Content-Lengths, bare LF,
// obs-fold, chunked not last); these are what it lets through.

/** More header lines than this get 431: the forwarder must see every line the parser framed by. */
export const MAX_HEADER_LINES = 2000;

export interface Refusal {
  readonly status: 400 | 431 | 501 | 505;
  /** Captured as the exchange's error code and sent in X-Davscope-Error. */
  readonly code: string;
  readonly message: string;
}

export interface Framing {
  /** The Content-Length the client sent (Node's parser has checked it is one valid number). */
  readonly contentLength: number | undefined;
  /** Transfer-Encoding: chunked (the only transfer-coding davscope accepts). */
  readonly chunked: boolean;
}

/**
 * The request's framing, or why davscope will not forward it: one pass over the raw header lines,
 * which every forwarded request pays for.
 */
export function readRequestHead(httpVersion: string, rawHeaders: readonly string[]): { refusal: Refusal } | { framing: Framing } {
  // Node's parser takes "HTTP/2.0" and a version-less (0.9) line; forwarded as HTTP/1.1 they
  // would mean something else upstream.
  if (httpVersion !== '1.1' && httpVersion !== '1.0') {
    return { refusal: { status: 505, code: 'UNSUPPORTED_HTTP_VERSION', message: `HTTP/${httpVersion} is not supported; davscope forwards HTTP/1.0 and HTTP/1.1` } };
  }
  const lines = rawHeaders.length / 2;
  if (lines > MAX_HEADER_LINES) {
    return { refusal: { status: 431, code: 'TOO_MANY_HEADERS', message: `the request has ${lines} header lines; davscope forwards at most ${MAX_HEADER_LINES}` } };
  }
  let hosts = 0;
  let contentLength: number | undefined;
  let codings: string[] | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (name === 'host') hosts++;
    else if (name === 'content-length') contentLength = Number(rawHeaders[i + 1].trim());
    else if (name === 'transfer-encoding') {
      codings ??= [];
      for (const c of rawHeaders[i + 1].split(',')) codings.push(c.trim().toLowerCase());
    }
  }
  if (hosts > 1) {
    return { refusal: { status: 400, code: 'DUPLICATE_HOST', message: `the request has ${hosts} Host header lines; RFC 9112 §3.2 requires exactly one` } };
  }
  // The forwarder re-frames the body as chunked; any other coding would reach the upstream undone.
  if (codings && (codings.length !== 1 || codings[0] !== 'chunked')) {
    return { refusal: { status: 501, code: 'UNSUPPORTED_TRANSFER_CODING', message: `Transfer-Encoding "${codings.join(', ')}" is not supported; davscope forwards only "chunked" request bodies` } };
  }
  return { framing: { contentLength, chunked: codings !== undefined } };
}
