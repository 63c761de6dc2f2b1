// Rule tests: CRLF, folding, blank lines, control characters.
import rule from '../../../rules/ical/line-format.ts';
import { run } from '../tester.ts';
import { get, icalEvent, put } from '../factories.ts';

run(rule, {
  valid: [
    { name: 'a CRLF body with short lines', exchange: put() },
    { name: 'a folded long SUMMARY', exchange: put({ body: icalEvent({ extra: ['DESCRIPTION:' + 'x'.repeat(60), ' ' + 'y'.repeat(60)] }) }) },
  ],
  invalid: [
    { name: 'LF-only line endings', exchange: put({ body: icalEvent({ eol: '\n' }) }), findings: [{ messageId: 'line-endings', data: { kind: 'bare LF', side: 'request' } }] },
    { name: 'an unfolded 100-octet line', exchange: put({ body: icalEvent({ extra: ['DESCRIPTION:' + 'x'.repeat(100)] }) }), findings: [{ messageId: 'unfolded', data: { count: 1 } }] },
    { name: 'a blank line inside a GET answer', exchange: get({ responseBody: icalEvent().replace('SUMMARY:Planning\r\n', 'SUMMARY:Planning\r\n\r\n') }), findings: [{ messageId: 'blank-lines', data: { side: 'response' } }] },
    { name: 'a control character in a value', exchange: put({ body: icalEvent({ extra: ['DESCRIPTION:a\u0007b'] }) }), findings: [{ messageId: 'control-chars' }] },
  ],
});
