// Credentials in the page stay hidden until the user reveals them: shoulder-surfing, screen
// sharing and screenshots should not leak a password. Pure.

const WHOLE = new Set(['x-auth-token', 'x-api-key', 'api-key', 'x-access-token', 'x-csrf-token', 'x-xsrf-token', 'x-amz-security-token']);
export const HIDDEN = '••••••••';

/** The value to show for a header: credentials masked (the scheme or cookie names kept), else as is. */
export function maskedHeaderValue(name: string, value: string): string {
  const n = name.toLowerCase();
  if (n === 'authorization' || n === 'proxy-authorization') {
    const space = value.indexOf(' ');
    return space > 0 ? `${value.slice(0, space)} ${HIDDEN}` : HIDDEN;
  }
  if (n === 'cookie') return value.split(';').map((p) => (p.includes('=') ? `${p.slice(0, p.indexOf('=') + 1)}${HIDDEN}` : p)).join(';');
  if (n === 'set-cookie') {
    const eq = value.indexOf('=');
    const semi = value.indexOf(';');
    return eq > 0 ? `${value.slice(0, eq + 1)}${HIDDEN}${semi > eq ? value.slice(semi) : ''}` : value;
  }
  return WHOLE.has(n) ? HIDDEN : value;
}

/** Whether a header list holds something maskedHeaderValue hides. */
export function holdsCredentials(headers: readonly (readonly [string, string])[]): boolean {
  return headers.some(([n, v]) => maskedHeaderValue(n, v) !== v);
}
