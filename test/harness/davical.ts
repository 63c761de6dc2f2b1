// Starts the real DAViCal (Debian's package), the third CalDAV server of the test bed, on 127.0.0.1,
// a free port and temp storage: a private PostgreSQL 15 cluster in the temp dir (unix socket only,
// in that dir; run as the `postgres` OS user when we are root, since postgres refuses root), the
// schema loaded by Debian's own /usr/share/davical/dba/create-database.sh, users made the way
// DAViCal's admin page makes them (davical/add-user.php), and PHP's built-in server on
// /usr/share/davical/htdocs with davical/router.php. Each instance reads its own config file from
// the temp dir (see davical/instance.php): nothing global is written, so instances run side by side.
//
// DAViCal serves CalDAV under /caldav.php/: the principal is /caldav.php/user/, and, like its admin
// page, a new user gets home collections at once: /caldav.php/user/calendar/ (a calendar),
// .in/, .out/ and addresses/.
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { spawnOnFreePort } from './net.ts';

export const DAVICAL_HTDOCS = '/usr/share/davical/htdocs';
export const DAVICAL_CREATE_DATABASE = '/usr/share/davical/dba/create-database.sh';
export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const PHP = '/usr/bin/php';
const HERE = join(dirname(fileURLToPath(import.meta.url)), 'davical');
/** The port only names the socket file (.s.PGSQL.5432) in the instance's own dir: no TCP. */
const PG_PORT = '5432';

export interface DavicalOptions {
  /** Users as name → password (stored as DAViCal's "**password"), each with DAViCal's home collections. */
  readonly users?: Readonly<Record<string, string>>;
}

export interface Davical {
  /** http://127.0.0.1:PORT; CalDAV is under `${url}/caldav.php/`. */
  readonly url: string;
  /** `${url}/caldav.php`, the base the principals' paths are under (no trailing slash). */
  readonly caldav: string;
  /** The instance's temp dir (cluster, socket, config), removed by stop(). */
  readonly dir: string;
  stop(): Promise<void>;
}

export function assertDavicalInstalled(): void {
  const missing = [DAVICAL_CREATE_DATABASE, `${PG_BIN}/initdb`, PHP].filter((f) => !existsSync(f));
  if (missing.length) {
    throw new Error(`DAViCal's test bed is not installed (missing ${missing.join(', ')}): run \`npm run test:all\` (it installs the Debian packages the tests need) or \`apt-get install --no-install-recommends davical postgresql php-cli php-pgsql php-xml\``);
  }
}

function run(cmd: string, args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 20_000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

export async function startDavical(opts: DavicalOptions = {}): Promise<Davical> {
  assertDavicalInstalled();
  const root = process.getuid?.() === 0;
  // postgres will not run as root: the cluster belongs to the postgres OS user (made by Debian's
  // postgresql-common), and as any other user to that user itself.
  const asPg = (cmd: string, args: readonly string[]): [string, string[]] => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, [...args]]);
  const dir = mkdtempSync(join(tmpdir(), 'davscope-davical-'));
  const pgdata = join(dir, 'pg');
  const pgEnv = { PGHOST: dir, PGPORT: PG_PORT, PGUSER: 'postgres', PGDATABASE: 'postgres' };
  let pgStarted = false;
  let php: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  const cleanup = () => (stopping ??= stopAll());
  const stopAll = async () => {
    if (php && php.exitCode === null && php.signalCode === null) {
      const p = php;
      await new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGTERM');
      });
    }
    if (pgStarted) {
      // Immediate: the data is thrown away anyway.
      await run(...asPg(`${PG_BIN}/pg_ctl`, ['-D', pgdata, '-m', 'immediate', '-w', '-t', '20', 'stop']), { cwd: dir }).catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (root) chownSync(dir, postgresUid(), -1);
    await run(...asPg(`${PG_BIN}/initdb`, ['-D', pgdata, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']), { cwd: dir });
    // Unix socket only, in the instance's dir; fsync off (temp data).
    await run(...asPg(`${PG_BIN}/pg_ctl`, ['-D', pgdata, '-l', join(dir, 'postgres.log'), '-w', '-t', '20', '-o', `-c listen_addresses= -c unix_socket_directories='${dir}' -p ${PG_PORT} -F`, 'start']), { cwd: dir });
    pgStarted = true;
    // Debian's own script: the davical_dba/davical_app roles, the AWL and DAViCal schema, base data
    // and the admin user (its password random, unused). It does not stop at a failed statement:
    // any ERROR in its output fails the start.
    const adminPassword = randomBytes(12).toString('hex');
    const created = await run('sh', [DAVICAL_CREATE_DATABASE, 'davical', adminPassword], {
      cwd: dir,
      env: { ...pgEnv, TMPDIR: dir, DBAOPTS: `--dbhost ${dir} --dbport ${PG_PORT}` },
      timeoutMs: 30_000,
    });
    if (/\bERROR\b|FATAL/.test(created)) throw new Error(`create-database.sh reported an error:\n${created}`);

    const conf = join(dir, 'davical-conf.php');
    writeFileSync(
      conf,
      [
        '<?php',
        '// This test instance\'s DAViCal configuration (davscope test/harness/davical.ts).',
        "$_SERVER['SERVER_NAME'] = $c->domain_name = '127.0.0.1';",
        `$c->pg_connect[] = ${phpString(`dbname=davical user=davical_app host=${dir} port=${PG_PORT}`)};`,
        "$c->admin_email = 'admin@example.com';",
        '',
      ].join('\n'),
    );
    const phpEnv = { DAVSCOPE_DAVICAL_CONF: conf };
    for (const [user, password] of Object.entries(opts.users ?? {})) {
      await run(PHP, [join(HERE, 'add-user.php'), user, password], { cwd: dir, env: phpEnv });
    }

    // Errors to the server's stderr, never into a response body.
    const started = await spawnOnFreePort('php -S (DAViCal)', PHP, (port) => ['-d', 'display_errors=0', '-d', 'log_errors=1', '-S', `127.0.0.1:${port}`, '-t', DAVICAL_HTDOCS, join(HERE, 'router.php')], {
      probePath: '/caldav.php/',
      cwd: DAVICAL_HTDOCS,
      env: { ...process.env, ...phpEnv },
    });
    php = started.proc;
    const url = started.url;
    return { url, caldav: `${url}/caldav.php`, dir, stop: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function postgresUid(): number {
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error('there is no postgres OS user to run the private PostgreSQL cluster as: install Debian\'s postgresql package (npm run test:all does)');
  }
}

function phpString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
