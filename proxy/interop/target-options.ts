// The interop targets of a command line: NAME=URL, with Basic credentials and path rebases per
// NAME. Shared by `davscope interop` (--target, --auth, --rebase) and the proxy, whose page may
// start runs only to the targets given with --interop-target (--interop-auth, --interop-rebase).
import { parseTarget } from '../target-url.ts';
import { UsageError } from '../usage.ts';
import type { InteropTarget } from './run-interop.ts';
import type { PathRebase } from '../replay/resend-request.ts';

/** The session's column in a run from the page; no --interop-target may take the name. */
export const SESSION_COLUMN = 'session';

/** The flag names of one command's three options. */
export interface TargetFlagNames {
  readonly target: string;
  readonly auth: string;
  readonly rebase: string;
}

export const PROXY_INTEROP_FLAGS = {
  'interop-target': { type: 'string', multiple: true },
  'interop-auth': { type: 'string', multiple: true },
  'interop-rebase': { type: 'string', multiple: true },
} as const;

export const PROXY_INTEROP_USAGE = `      --interop-target NAME=URL a server the inspector's Interop panel may send this session to, to
                                compare answers in one table (repeatable); the page can run only to
                                these, never to a host typed into it
      --interop-auth NAME=USER:PASSWORD
                                Basic credentials for interop target NAME; without them the
                                session's credentials are not sent there (redacted, so it answers 401)
      --interop-rebase NAME=FROM=TO
                                on interop target NAME, send paths under FROM to TO (repeatable)`;

/** "NAME=REST" split at the first "=", with the flag named in the error. */
export function splitNamed(flag: string, text: string, shape: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new UsageError(`${flag} wants ${shape}, not "${text}"`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** The targets in the order given; `taken` names no target may have (the recording's column). */
export function parseInteropTargets(
  flags: TargetFlagNames,
  values: { target?: readonly string[]; auth?: readonly string[]; rebase?: readonly string[] },
  taken: readonly string[] = [],
): InteropTarget[] {
  const targets = new Map<string, { url: URL; rebase: PathRebase[]; authorization?: string }>();
  for (const t of values.target ?? []) {
    const [name, url] = splitNamed(flags.target, t, 'NAME=URL (radicale=http://127.0.0.1:5232)');
    if (targets.has(name) || taken.includes(name)) throw new UsageError(`${flags.target}: the name "${name}" is taken: give each column its own name`);
    targets.set(name, { url: parseTarget(url, flags.target, `give them with ${flags.auth} NAME=USER:PASSWORD`), rebase: [] });
  }
  const target = (flag: string, name: string) => {
    const t = targets.get(name);
    if (!t) throw new UsageError(`${flag}: no ${flags.target} is named "${name}" (targets: ${[...targets.keys()].join(', ') || 'none'})`);
    return t;
  };
  for (const a of values.auth ?? []) {
    const [name, cred] = splitNamed(flags.auth, a, 'NAME=USER:PASSWORD');
    if (!cred.includes(':')) throw new UsageError(`${flags.auth} wants NAME=USER:PASSWORD`);
    target(flags.auth, name).authorization = 'Basic ' + Buffer.from(cred).toString('base64');
  }
  for (const r of values.rebase ?? []) {
    const [name, rest] = splitNamed(flags.rebase, r, 'NAME=FROM=TO');
    const [from, to] = splitNamed(flags.rebase, rest, 'NAME=FROM=TO');
    if (!from.startsWith('/') || !to.startsWith('/')) throw new UsageError(`${flags.rebase}: FROM and TO are paths starting with "/", not "${from}" and "${to}"`);
    target(flags.rebase, name).rebase.push({ from, to });
  }
  return [...targets].map(([name, t]) => ({ name, ...t }));
}

/** Why `reference` names no column of a table whose first column is `first`, or undefined when it does. */
export function unknownColumn(reference: string | undefined, first: string, targets: readonly InteropTarget[]): string | undefined {
  const columns = [first, ...targets.map((t) => t.name)];
  return reference === undefined || columns.includes(reference) ? undefined : `no column is named "${reference}" (columns: ${columns.join(', ')})`;
}
