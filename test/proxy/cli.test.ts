// The davscope command line: help, version, and bad flags that say what is wrong (exit 2).
import { describe, expect, it } from 'vitest';
import { BIN } from '../harness/davscope-process.ts';
import { run } from '../harness/run.ts';
import { parseCli } from '../../proxy/cli-options.ts';

const davscope = (...args: string[]) => run(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });

describe('davscope CLI', () => {
  it('--help explains the flags and exits 0', async () => {
    const res = await davscope('--help');
    expect(res.code).toBe(0);
    for (const flag of ['--target', '--port', '--ui-port', '--host', '--max-body', '--insecure', '--quiet', '--keep', '--upstream-connections', '--upstream-timeout']) {
      expect(res.stdout).toContain(flag);
    }
  });

  it('--redact-header is repeatable, explained in --help, and wants a header name', async () => {
    const req = parseCli(['--redact-header', 'X-Tenant-Key', '--redact-header', 'X-Other']);
    expect(req.kind === 'run' && req.options.redactHeaders).toEqual(['X-Tenant-Key', 'X-Other']);
    const bad = await davscope('--redact-header', 'X Bad:');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--redact-header wants a header name/)]);
    expect((await davscope('--help')).stdout).toContain('--redact-header NAME');
    expect((await davscope('export', '--help')).stdout).toContain('--redact-header NAME');
  });

  it('--version prints the package version', async () => {
    const res = await davscope('--version');
    expect(res.stdout.trim()).toMatch(/^davscope \d+\.\d+\.\d+$/);
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['--tagret', 'http://127.0.0.1:5232'], /unknown option --tagret; did you mean --target\?/],
    [['--target'], /--target needs a value/],
    [['lintt', 'x.jsonl'], /no command "lintt"; did you mean lint\? The commands are lint, export, rules, faults, replay/],
    [['--target', 'ftp://x'], /http:\/\/ or https:\/\//],
    [['--target', 'http://127.0.0.1:5232', '--port', 'eighty'], /--port wants a whole number/],
    [['--target', 'http://127.0.0.1:5232', '--max-body', 'lots'], /--max-body wants a size/],
    [['--target', 'http://u:p@127.0.0.1:5232'], /must not carry credentials/],
    [['--target', 'http://127.0.0.1:5232', '--upstream-connections', 'lots'], /--upstream-connections wants auto or a whole number/],
  ])('rejects %j with a clear message, a pointer to --help and exit code 2', async (args, message) => {
    const res = await davscope(...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    // The reason stays in sight: a one-line pointer, not the whole usage.
    expect(res.stderr).toContain('Run "davscope --help" for the options.');
    expect(res.stderr).not.toContain('Usage:');
  });

  it('says which port is taken and how to choose another', async () => {
    const net = await import('node:net');
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as import('node:net').AddressInfo).port;
    try {
      const res = await davscope('--target', 'http://127.0.0.1:5232', '--port', String(port));
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`port 127.0.0.1:${port} is already in use; choose another with --port`);
    } finally {
      srv.close();
    }
  });
});
