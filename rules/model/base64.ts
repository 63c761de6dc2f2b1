// Base64 without Node's Buffer or the DOM's btoa, so wire encoding works in the proxy and the
// browser alike. Both directions fill a typed array and make one string at the end: a captured
// body can be megabytes, and building the text by concatenation made hundreds of MB of garbage.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = new Uint8Array(64);
const LOOKUP = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) {
  ENCODE[i] = ALPHABET.charCodeAt(i);
  LOOKUP[ALPHABET.charCodeAt(i)] = i;
}
const PAD = 61; // '='
// Base64 text is ASCII, which every single-byte decoder maps to itself.
const ASCII = new TextDecoder('latin1');

export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = ENCODE[(v >> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const v = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = rest === 2 ? ENCODE[(v >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return ASCII.decode(out);
}

/** Decodes standard base64 (padding optional, whitespace ignored); throws on a foreign character. */
export function fromBase64(text: string): Uint8Array {
  const clean = /[\s=]/.test(text) ? text.replace(/[\s=]+/g, '') : text;
  const n = clean.length;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  for (let i = 0; i < n; i += 4) {
    const q0 = code(clean, i);
    const q1 = i + 1 < n ? code(clean, i + 1) : -1;
    const q2 = i + 2 < n ? code(clean, i + 2) : -1;
    const q3 = i + 3 < n ? code(clean, i + 3) : -1;
    out[o++] = (q0 << 2) | (q1 >> 4);
    if (q2 >= 0) out[o++] = ((q1 & 15) << 4) | (q2 >> 2);
    if (q3 >= 0) out[o++] = ((q2 & 3) << 6) | q3;
  }
  return out.subarray(0, o);
}

function code(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const v = c < 128 ? LOOKUP[c]! : 255;
  if (v === 255) throw new Error(`invalid base64 character at ${i}`);
  return v;
}
