// What a client gets when Node's parser rejects its request before davscope sees it (framing
// tricks, bad header characters, a header block over 16 KiB, headers too slow): the status Node
// would send, plus a line that says why, instead of Node's empty 400.
import type { Duplex } from 'node:stream';

const STATUS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

export function answerClientError(err: NodeJS.ErrnoException & { reason?: string }, socket: Duplex): void {
  const pending = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason] = STATUS[err.code ?? ''] ?? [400, 'Bad Request'];
  const why =
    status === 408
      ? 'the request headers did not arrive in time (--client-timeout)'
      : status === 431
        ? 'the request header block is larger than 16 KiB'
        : `the request is not valid HTTP/1.1 (${err.reason ?? err.message})`;
  const text = `davscope: ${why}; it was not forwarded\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `X-Davscope-Error: ${err.code ?? 'HPE_ERROR'}\r\nConnection: close\r\n\r\n${text}`,
  );
  // end() waits for the client to read; a client that never does is not worth a socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}
