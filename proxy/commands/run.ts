// `davscope [--target URL]`: starts the proxy and the inspector, stops cleanly on Ctrl-C.
import { parseCli, USAGE, type CliRequest } from '../cli-options.ts';
import type { Command } from './command.ts';
import { startDavscope } from '../server.ts';
import { version } from '../version.ts';
import { startDemoUpstream, type DemoUpstream } from '../demo/demo-upstream.ts';
import type { TlsMaterial } from '../tls/davscope-ca.ts';

type ProxyRequest = Exclude<CliRequest, { kind: 'help' }>;

/** The proxy itself: what `davscope` runs when the first argument names no other command. */
export const proxyCommand: Command<ProxyRequest> = {
  name: '',
  usage: USAGE,
  parse(argv) {
    const request = parseCli(argv);
    return request.kind === 'help' ? 'help' : request;
  },
  run: proxy,
};

async function proxy(request: ProxyRequest): Promise<number> {
  if (request.kind === 'version') {
    process.stdout.write(`davscope ${version()}\n`);
    return 0;
  }
  const { target: given, tlsRequest, ...rest } = request.options;
  let tls: TlsMaterial | undefined;
  try {
    // The certificate library loads only with --tls: a plain run does not pay its memory.
    if (tlsRequest) {
      const { certificateNames, configDir, issueCertificate, userCertificate } = await import('../tls/davscope-ca.ts');
      tls = tlsRequest.kind === 'user' ? userCertificate(tlsRequest.cert, tlsRequest.key) : await issueCertificate(configDir(), certificateNames(tlsRequest.names));
    }
  } catch (err) {
    process.stderr.write(`davscope: ${(err as Error).message}\n`);
    return 2;
  }
  let demo: DemoUpstream | undefined;
  if (!given) demo = await startDemoUpstream();
  const target = given ?? new URL(demo!.replay.url + '/');
  const color = process.stdout.isTTY && !process.env.NO_COLOR;
  const app = await startDavscope({ ...rest, target, color, ...(demo ? { demo: true } : {}), ...(tls ? { tls } : {}) });
  const base = target.pathname !== '/' ? target.pathname : '/';
  // The inspector's address as the user opens it (with --ui-token the token must come along).
  const page = `${app.uiUrl}/${rest.uiToken !== undefined ? `?token=${rest.uiToken}` : ''}`;
  if (demo) {
    process.stdout.write(
      `davscope ${version()} demo: no --target given, so davscope proxies a replay of a recorded Radicale\n` +
        `session (${demo.exchanges.length} exchanges, mistakes included) and sends its client requests once.\n` +
        `To proxy your own server: npx davscope --target http://127.0.0.1:5232\n`,
    );
  }
  process.stdout.write(
    `davscope ${version()} proxying ${target.href}\n` +
      `  point your CalDAV client at  ${app.proxyUrl}${base}\n` +
      `  inspect the traffic at       ${page}\n` +
      (rest.record !== undefined ? `  recording to                 ${rest.record}\n` : '') +
      (tls?.caPath ? `  HTTPS by davscope's CA       ${tls.caPath} (clients must trust it: ${page}#tls says how)\n` : tls ? `  HTTPS with your certificate  for ${tls.names.join(', ') || 'the names it holds'}\n` : '') +
      `  press Ctrl-C to stop\n`,
  );
  if (rest.uiHost !== '127.0.0.1' && rest.uiHost !== 'localhost' && rest.uiHost !== '::1') {
    process.stderr.write(
      rest.uiToken === undefined
        ? `davscope: warning: the inspector listens on ${rest.uiHost}: anyone who can reach it sees the captured traffic, credentials included; protect it with --ui-token TOKEN\n`
        : `davscope: warning: the inspector listens on ${rest.uiHost}, protected by --ui-token but over plain HTTP: anyone on the path can read the traffic and the token\n`,
    );
  }
  if (demo) {
    demo.playClient(app.proxyUrl).catch((err: Error) => process.stderr.write(`davscope: the demo client failed: ${err.message}\n`));
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('davscope: stopping\n');
  await app.close();
  await demo?.replay.close();
  return 0;
}
