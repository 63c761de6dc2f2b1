// Flags PROPFIND with Depth: infinity, which many servers refuse and the rest answer expensively.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'webdav/propfind-depth-infinity',
  severity: 'warning',
  party: 'client',
  methods: ['PROPFIND'],
  docs: {
    summary: 'PROPFIND with Depth: infinity is refused by many servers; walk the tree with Depth: 1.',
    specs: [rfc(4918, '9.1'), rfc(4918, '16')],
    details:
      'Servers may refuse Depth: infinity with 403 DAV:propfind-finite-depth (nginx, Apache, CalendarServer); Radicale treats it as 1. ' +
      'Either way the client does not get what it asked for. Seen in remotely-save/remotely-save#17 and CalDAVTester propfind.xml.',
  },
  messages: { infinity: { message: 'PROPFIND {path} with Depth: infinity', fix: 'Use Depth: 1 and descend into the collections you need.' } },
  check(view) {
    if (view.depth !== 'infinity') return [];
    return [{ messageId: 'infinity', data: { path: view.path }, location: { side: 'request', header: 'Depth' } }];
  },
});
