// Decodes every DAV:error precondition/postcondition element of a response into plain words (RFC 4918 §16 and the CalDAV, sync and ACL tables).
import { defineRule, type Report } from '../engine/define-rule.ts';
import type { Severity } from '../model/exchange.ts';
import { rfc } from '../model/spec.ts';
import { lookupPrecondition, prefixedName, SABRE_DIAGNOSTICS } from '../decode/preconditions.ts';
import { NS, dav } from '../parse/xml/namespaces.ts';
import { textOf } from '../parse/xml/query.ts';

// Failures a client meets in normal operation, so decoded as info: a stale token, a report the
// target lacks, a result cap, and any 412 (the conditional request did its job).
const EXPECTED = new Set([dav('valid-sync-token'), dav('supported-report'), dav('number-of-matches-within-limits'), dav('sync-traversal-supported')]);

export default defineRule({
  id: 'webdav/precondition-error',
  severity: 'error',
  party: 'client',
  explains: 'refusal',
  judgesKeptPart: true,
  docs: {
    summary: 'A response carries a DAV:error precondition or postcondition element; davscope names it and says what it means and how to fix the request.',
    specs: [rfc(4918, '16'), rfc(4918, '8.7'), rfc(4791, '1.3')],
    details:
      'When a WebDAV or CalDAV server refuses a request for a reason the specs name, it puts an element in a DAV:error body ' +
      '(or in a DAV:error inside a 207 response or propstat). The status alone only says "forbidden" or "conflict"; the element says ' +
      'which rule was broken: the URL is taken (DAV:resource-must-be-null), the iCalendar is invalid (CALDAV:valid-calendar-data), ' +
      'the UID exists elsewhere (CALDAV:no-uid-conflict), and so on. Servers disagree on statuses, so davscope decodes on the element ' +
      'name. A failure on a 4xx/5xx is an error; an expected failure (a 412, an expired sync token, an unsupported report, a result cap) is info. ' +
      'A vendor\'s own exception and message with no standard element (sabre/dav\'s S:exception) is not a precondition: ' +
      'webdav/server-exception shows it.',
  },
  messages: {
    known: {
      message: '{method} answered {status} with {name}: {short}',
      fix: '{fix}',
    },
    unknown: {
      message: '{method} answered {status} with {name}, an element davscope does not know',
      fix: 'Look the element up in the server\'s documentation; its name usually says which condition failed.',
    },
  },
  check(view) {
    const conds = view.conditions;
    if (conds.length === 0) return [];
    const method = view.method;
    const httpStatus = view.status ?? 0;
    const severityFor = (name: string, status: number | undefined, tableSeverity: Severity | undefined): Severity => {
      if (tableSeverity) return tableSeverity;
      const s = status ?? httpStatus;
      if (EXPECTED.has(name) || s === 412 || httpStatus === 412) return 'info';
      return s >= 400 ? 'error' : 'info';
    };
    const reports: Report<'known' | 'unknown'>[] = [];
    const sabre = conds.filter((c) => c.element.ns === NS.SABRE && SABRE_DIAGNOSTICS.has(c.element.local));
    const sabreMessage = textOf(sabre.find((c) => c.element.local === 'message')?.element).trim();
    const real = conds.filter((c) => !sabre.includes(c));
    for (const c of real) {
      const status = c.status ?? httpStatus;
      const info = lookupPrecondition(c.name);
      const desc = c.description ?? '';
      const details = [sabreMessage && `Server message: ${sabreMessage}`, desc && `Description: ${desc}`, c.href && `Resource: ${c.href}`].filter(Boolean).join(' ');
      const name = info?.name ?? prefixedName(c.name);
      const location = { side: 'response' as const, xmlElement: c.name };
      if (info) {
        const firstSentence = info.meaning.split(/(?<=\.)\s/)[0] ?? info.meaning;
        reports.push({
          messageId: 'known' as const,
          severity: severityFor(c.name, status, info.severity),
          data: { method, status, name, short: firstSentence.length > 140 ? `${firstSentence.slice(0, 139)}…` : firstSentence, fix: info.fix },
          explanation: details ? `${info.meaning} ${details}` : info.meaning,
          specs: info.specs,
          location,
        });
      } else {
        reports.push({
          messageId: 'unknown' as const,
          severity: severityFor(c.name, status, undefined),
          data: { method, status, name },
          explanation:
            `The server refused the request with ${name} (namespace ${c.element.ns || 'none'}), which is not in davscope's table of ` +
            `RFC 4918, 3744, 4791, 5689, 6578 and 6638 conditions or the common vendor ones. ${details}`.trim(),
          location,
        });
      }
    }
    return reports;
  },
});
