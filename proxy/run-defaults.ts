// What a running davscope uses unless told otherwise: the command line's defaults, shared by the
// CLI, replay serve and the library so all three behave alike.
import type { UpstreamConnections } from './upstream-sockets.ts';

export const RUN_DEFAULTS = {
  maxBody: 4 << 20,
  keep: 10_000,
  storeBytes: 512 << 20,
  upstreamConnections: 'auto' as UpstreamConnections,
  upstreamTimeoutMs: 60_000,
  clientHeaderTimeoutMs: 30_000,
} as const;
