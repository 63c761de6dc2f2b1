// Small readers for Authorization and WWW-Authenticate values (RFC 9110 §11): the scheme and one auth-param.
/** Lower-case auth scheme of a credentials or challenge value ("basic", "digest", "bearer"...). */
export function authScheme(value: string | undefined): string | undefined {
  const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/.exec(value ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The value of one auth-param (quoted or token form), e.g. authParam('Digest realm="x", nonce="y"', 'realm') -> "x". */
export function authParam(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const re = new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))`, 'i');
  const m = re.exec(value.replace(/^\s*\S+/, ''));
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}
