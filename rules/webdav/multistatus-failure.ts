// Lists the failed hrefs and properties of a 207 (or an mkcol/mkcalendar-response), so "207" is never read as success.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { prefixedName } from '../decode/preconditions.ts';
import { dav } from '../parse/xml/namespaces.ts';
import { isSuccess } from '../lib/checks.ts';

export default defineRule({
  id: 'webdav/multistatus-failure',
  severity: 'info',
  party: 'unknown',
  explains: 'refusal',
  judgesKeptPart: true,
  docs: {
    summary: 'A 207 Multi-Status holds failed resources or properties; davscope lists each with its status and description.',
    specs: [rfc(4918, '13'), rfc(4918, '9.2.1'), rfc(4791, '5.3.1.1'), rfc(5689, '3.5')],
    details:
      'A 207 does not mean success: each href and each property carries its own status. PROPPATCH, MKCALENDAR and extended MKCOL ' +
      'are atomic, so one refused property fails the whole request; the culprit carries 403/409/507 and the others 424 (failed ' +
      'dependency). For MKCALENDAR or MKCOL this means the collection was NOT created, for example when supported-calendar-component-set ' +
      'names only VJOURNAL and the server does not support it. A 404 propstat in a PROPFIND or REPORT just means "property not ' +
      'supported" and is not listed; neither are removed members (404) in a sync-collection report, nor its 507 truncation marker.',
  },
  messages: {
    failures: {
      message: '{method} got a 207 with {count} failure(s): {list}',
      fix: 'Look at the failed entries; a 424 only failed because of another property in the same request.',
    },
    'not-created': {
      message: '{method} {path} failed, the collection was NOT created: {list}',
      fix: 'Remove or correct the refused property (the one that is not 424) and send the {method} again.',
    },
  },
  check(view) {
    const entries = view.multistatus;
    if (!entries) return [];
    const method = view.method;
    const creating = method === 'MKCALENDAR' || method === 'MKCOL';
    if (view.status !== 207 && !creating) return [];
    const root = view.xmlRoot('request');
    const isSync = root?.name === dav('sync-collection');
    const propertyQuery = method === 'PROPFIND' || method === 'REPORT' || method === 'SEARCH';
    const failed: string[] = [];
    for (const e of entries) {
      if (e.status !== undefined && !isSuccess(e.status)) {
        if (isSync && (e.status === 404 || e.status === 507)) continue;
        failed.push(`${e.href} ${e.status}${e.errors.length ? ` (${e.errors.map(prefixedName).join(', ')})` : ''}${e.responsedescription ? ` "${e.responsedescription}"` : ''}`);
      }
      for (const ps of e.propstats) {
        if (ps.status === undefined || isSuccess(ps.status)) continue;
        if (propertyQuery && ps.status === 404) continue;
        const props = ps.props.map(prefixedName).join(', ') || '(no property named)';
        const errs = ps.errors.length ? ` (${ps.errors.map(prefixedName).join(', ')})` : '';
        failed.push(`${e.href} ${props} ${ps.status}${errs}${ps.responsedescription ? ` "${ps.responsedescription}"` : ''}`);
      }
    }
    if (failed.length === 0) return [];
    const list = failed.join('; ');
    if (creating) return [{ messageId: 'not-created', severity: 'error', data: { method, path: view.path, list }, location: { side: 'response' } }];
    return [{ messageId: 'failures', data: { method, count: failed.length, list }, location: { side: 'response' } }];
  },
});
