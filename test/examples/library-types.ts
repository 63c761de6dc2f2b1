// Type tests of davscope's library API (checked by `npm run typecheck`): the right options compile,
// a wrong one does not.
import { lintExchanges, lintFile, startProxy, startReplay, type LintReport, type ProxyOptions, type ReplayOptions } from '../../proxy/index.ts';

export async function typeChecks(): Promise<void> {
  const ok: ProxyOptions = { target: 'http://127.0.0.1:5232/', port: 0, rules: { 'http/etag-syntax-invalid': 'off' }, faults: ['busy'] };
  // @ts-expect-error: target is required
  const noTarget: ProxyOptions = { port: 0 };
  // @ts-expect-error: a port is a number
  const stringPort: ProxyOptions = { target: 'http://127.0.0.1:5232/', port: '8088' };
  // @ts-expect-error: no such option
  await startProxy({ target: 'http://127.0.0.1:5232/', colour: true });
  // @ts-expect-error: a rule is set to off, info, warning or error
  await startProxy({ target: 'http://127.0.0.1:5232/', rules: { 'http/etag-syntax-invalid': 'loud' } });
  const replay: ReplayOptions = { recording: 'session.jsonl', strict: true };
  // @ts-expect-error: strict is a boolean
  await startReplay({ recording: 'session.jsonl', strict: 'yes' });
  const report: LintReport = await lintFile('session.jsonl');
  // @ts-expect-error: findings are read-only
  report.findings.push(report.findings[0]!);
  const filtered = await lintFile('session.har', { filter: 'method:PUT', rules: { 'http/etag-syntax-invalid': 'warning' } });
  const warned: number = filtered.warnings.length;
  // @ts-expect-error: a filter is an expression in the filter language, a string
  await lintFile('session.jsonl', { filter: ['method:PUT'] });
  await startProxy({ target: 'http://127.0.0.1:5232/', uiToken: 'a-long-token', upstreamConnections: 'auto', clientTimeoutMs: 5_000, intercept: 'method:PUT' });
  // @ts-expect-error: upstreamConnections is a number or 'auto'
  await startProxy({ target: 'http://127.0.0.1:5232/', upstreamConnections: 'many' });
  // @ts-expect-error: timeouts are milliseconds, numbers
  await startProxy({ target: 'http://127.0.0.1:5232/', upstreamTimeoutMs: '60s' });
  const party: 'client' | 'server' | 'both' | 'unknown' | undefined = lintExchanges([]).findings[0]?.party;
  void [ok, noTarget, stringPort, replay, party, warned];
}
