// The options of an in-process davscope for tests: loopback, kernel-chosen ports, small bounds.
import type { DavscopeOptions } from '../../proxy/server.ts';

export function davscopeOptions(target: string, extra: Partial<DavscopeOptions> = {}): DavscopeOptions {
  return {
    target: new URL(target),
    host: '127.0.0.1',
    port: 0,
    uiHost: '127.0.0.1',
    uiPort: 0,
    maxBody: 1 << 20,
    keep: 1000,
    storeBytes: 64 << 20,
    insecure: false,
    quiet: true,
    upstreamConnections: 4,
    upstreamTimeoutMs: 10_000,
    ...extra,
  };
}
