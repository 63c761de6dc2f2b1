// Flags Depth values that COPY/MOVE of a collection does not allow (MOVE is always infinity, COPY 0 or infinity).
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'webdav/copy-move-depth',
  severity: 'error',
  party: 'client',
  methods: ['COPY', 'MOVE'],
  docs: {
    summary: 'MOVE of a collection takes no Depth but infinity; COPY of a collection takes 0 or infinity, and 0 copies no members.',
    specs: [rfc(4918, '9.9.2'), rfc(4918, '9.8.3'), rfc(4918, '10.2')],
    details:
      'A collection moves with everything inside it: RFC 4918 §9.9.2 says a client must not send MOVE on a collection with a Depth ' +
      'other than infinity (servers answer 400 or, worse, guess). COPY of a collection allows Depth: 0 or infinity only (§9.8.3); ' +
      'Depth: 1 is not defined. Depth: 0 is legal but copies the collection and its properties without any member, so copying a ' +
      'calendar that way produces an empty calendar. Depth does not matter when the source is a single calendar object.',
  },
  messages: {
    'move-depth': {
      message: 'MOVE {path} (a collection) with Depth: {depth}',
      fix: 'Drop the Depth header on MOVE (or send Depth: infinity); a collection always moves with its members.',
    },
    'copy-depth-one': {
      message: 'COPY {path} (a collection) with Depth: 1',
      fix: 'Send Depth: infinity to copy the members too, or Depth: 0 for the collection alone.',
    },
    'copy-depth-zero': {
      message: 'COPY {path} with Depth: 0 copies the collection without its members',
      fix: 'Send Depth: infinity (or no Depth) if the objects are meant to be copied as well.',
    },
  },
  check(view, context) {
    const depth = view.depth;
    if (depth === undefined || depth === 'infinity' || (depth !== '0' && depth !== '1')) return [];
    if (!view.path.endsWith('/') && !context.isCollection(view.path)) return [];
    const location = { side: 'request' as const, header: 'Depth' };
    const data = { path: view.path, depth };
    if (view.method === 'MOVE') return [{ messageId: 'move-depth', data, location }];
    if (depth === '1') return [{ messageId: 'copy-depth-one', data, location }];
    return [{ messageId: 'copy-depth-zero', severity: 'info', data, location }];
  },
});
