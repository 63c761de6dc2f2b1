// A server URL given on the command line (--target, interop targets): http(s) only, no credentials.
import { UsageError } from './usage.ts';

/** The URL; `flag` names the option in errors, `credentials` says where credentials go instead. */
export function parseTarget(text: string, flag = '--target', credentials = 'configure them in the client, which davscope passes through'): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new UsageError(`${flag} "${text}" is not a URL; write it like http://127.0.0.1:5232`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${flag} must be an http:// or https:// URL, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new UsageError(`${flag} must not carry credentials: ${credentials}`);
  }
  return url;
}
