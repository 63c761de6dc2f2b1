// The wire's base64, checked against Node's own encoder: every tail length, large bodies, and the
// decoder's tolerance (padding optional, whitespace ignored) and strictness (foreign characters).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../rules/model/base64.ts';

describe('base64', () => {
  it('encodes as Node does and decodes back, for every length up to 300 bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = randomBytes(n);
      const text = toBase64(bytes);
      expect(text).toBe(bytes.toString('base64'));
      expect(Buffer.from(fromBase64(text)).equals(bytes)).toBe(true);
    }
  });

  it('handles a 4 MB body (a capped capture) exactly', () => {
    const bytes = randomBytes(4 << 20);
    const text = toBase64(bytes);
    expect(text).toBe(bytes.toString('base64'));
    expect(Buffer.from(fromBase64(text)).equals(bytes)).toBe(true);
  });

  it('ignores whitespace and missing padding, and refuses a foreign character', () => {
    expect(Buffer.from(fromBase64('aGVs\nbG8g d29y\tbGQ')).toString()).toBe('hello world');
    expect(Buffer.from(fromBase64('aGk=')).toString()).toBe('hi');
    expect(Buffer.from(fromBase64('aGk')).toString()).toBe('hi');
    expect(() => fromBase64('aGk*')).toThrow(/invalid base64 character/);
  });
});
