// Base64 without Node's Buffer or the DOM's btoa, so wire encoding works in the proxy and the browser alike.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i], b = bytes[i + 1], c = bytes[i + 2];
    line += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    line += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    line += c === undefined ? '=' : ALPHABET[c & 63];
    if (line.length >= 8192) {
      parts.push(line);
      line = '';
    }
  }
  parts.push(line);
  return parts.join('');
}

/** Decodes standard base64 (padding optional, whitespace ignored); throws on a foreign character. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const q = [0, 1, 2, 3].map((k) => (i + k < clean.length ? code(clean, i + k) : -1));
    out[o++] = (q[0] << 2) | (q[1] >> 4);
    if (q[2] >= 0) out[o++] = ((q[1] & 15) << 4) | (q[2] >> 2);
    if (q[3] >= 0) out[o++] = ((q[2] & 3) << 6) | q[3];
  }
  return out.subarray(0, o);
}

function code(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const v = c < 128 ? LOOKUP[c] : 255;
  if (v === 255) throw new Error(`invalid base64 character at ${i}`);
  return v;
}
