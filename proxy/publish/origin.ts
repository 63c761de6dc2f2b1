// Which pages may open the inspector's WebSocket: only the inspector's own origin. Browsers let any
// site open a WebSocket to 127.0.0.1, so without this check any web page could read the traffic.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

function isIpLiteral(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || /^\[[0-9a-f:.]+\]$/i.test(hostname);
}

/**
 * True when `origin` is the inspector served from `uiHost:uiPort`. A DNS name other than localhost
 * is refused even when it matches the Host header: a rebinding attack (evil.example resolving to
 * 127.0.0.1) would otherwise pass as same-origin.
 */
export function isInspectorOrigin(origin: string | undefined, host: string | undefined, uiHost: string, uiPort: number): boolean {
  if (!origin || !host) return false;
  let o: URL;
  let h: URL;
  try {
    o = new URL(origin);
    h = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (o.protocol !== 'http:' || o.host !== h.host) return false;
  if (Number(o.port || 80) !== uiPort) return false;
  const name = o.hostname;
  if (LOOPBACK.has(uiHost)) return LOOPBACK.has(name);
  if (WILDCARD.has(uiHost)) return LOOPBACK.has(name) || isIpLiteral(name);
  const configured = uiHost.includes(':') && !uiHost.startsWith('[') ? `[${uiHost}]` : uiHost;
  return name.toLowerCase() === configured.toLowerCase() || LOOPBACK.has(name);
}

/**
 * True when a request's Host names the inspector by an address rather than by a foreign DNS name.
 * A page on evil.example that rebinds its name to 127.0.0.1 sends "Host: evil.example", so refusing
 * such names keeps the API's captured traffic (credentials included) out of other sites' reach.
 */
export function isInspectorHost(host: string | undefined, uiHost: string): boolean {
  if (!host) return false;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (LOOPBACK.has(name) || isIpLiteral(name)) return true;
  return !WILDCARD.has(uiHost) && !LOOPBACK.has(uiHost) && name === uiHost.toLowerCase();
}
