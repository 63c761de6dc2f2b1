// The answers davscope writes itself (a refusal, an upstream failure, a timeout): plain text that
// says why, the code in X-Davscope-Error for scripts, and never a throw.
import type { ServerResponse } from 'node:http';

export function sendOwnAnswer(res: ServerResponse, status: number, code: string, text: string, close = false): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  try {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'X-Davscope-Error': code,
      // A request whose body is left unread cannot be followed by another on this connection.
      ...(close ? { Connection: 'close' } : {}),
    });
    res.end(text);
  } catch {
    res.destroy();
  }
}
