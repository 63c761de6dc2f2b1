// Flags a free-busy-query on a calendar collection with Depth 0 or no Depth: servers then answer differently.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';
import { caldav } from '../parse/xml/namespaces.ts';
import { depthZeroOnCollection } from '../lib/checks.ts';

export default defineRule({
  id: 'caldav/free-busy-query-depth-zero',
  severity: 'warning',
  party: 'client',
  methods: ['REPORT'],
  docs: {
    summary: 'A free-busy-query REPORT on a calendar collection needs Depth: 1 to cover the events in it.',
    specs: [rfc(4791, '7.10'), rfc(3253, '3.6')],
    details:
      'A free-busy-query gathers the busy time of the calendar objects the Depth header reaches. REPORT defaults to Depth: 0, which ' +
      'reaches only the collection itself, and servers disagree on what that means: some answer an empty VFREEBUSY (the user looks ' +
      'free all week), others treat it as Depth: 1. Send Depth: 1 so every server answers the same thing.',
  },
  messages: { depth: { message: 'free-busy-query on the calendar {path} with {depth}', fix: 'Send Depth: 1 with a free-busy-query on a calendar collection.' } },
  check(view, context) {
    if (view.xmlRoot('request')?.name !== caldav('free-busy-query')) return [];
    const depth = depthZeroOnCollection(view, context);
    if (depth === undefined) return [];
    return [{ messageId: 'depth', data: { path: view.path, depth }, location: { side: 'request', header: 'Depth' } }];
  },
});
