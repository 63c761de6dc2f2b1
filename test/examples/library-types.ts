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
  const party: 'client' | 'server' | 'both' | 'unknown' | undefined = lintExchanges([]).findings[0]?.party;
  void [ok, noTarget, stringPort, replay, party];
}
