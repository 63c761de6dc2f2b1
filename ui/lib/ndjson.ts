// Reads an NDJSON answer (the proxy's search and interop runs) line by line as it arrives.

/**
 * Hands each line, parsed, to `onLine` until it returns true (the answer is then read no further);
 * `afterChunk` runs once the lines of each chunk are handed on. Resolves true when `onLine` ended
 * it, false when the answer ended first.
 */
export async function readNdjson(body: ReadableStream, onLine: (line: unknown) => boolean | void, afterChunk?: () => void): Promise<boolean> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    pending += value;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = JSON.parse(pending.slice(0, nl)) as unknown;
      pending = pending.slice(nl + 1);
      if (onLine(line) === true) {
        void reader.cancel();
        return true;
      }
    }
    afterChunk?.();
  }
}
