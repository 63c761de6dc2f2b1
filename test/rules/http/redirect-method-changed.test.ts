// Rule tests: a DAV request redirected with 301/302 and followed with another method.
import rule from '../../../rules/http/redirect-method-changed.ts';
import { run } from '../tester.ts';
import { HOST, exchange, propfind } from '../factories.ts';

const moved = (status: number) => propfind({ path: '/cal', status, responseHeaders: { Location: `${HOST}/alice/calendar/` }, responseBody: undefined });

run(rule, {
  valid: [
    { name: 'a PROPFIND repeated at the Location', history: [moved(301)], exchange: propfind() },
    { name: 'a GET after a redirected GET', history: [exchange({ method: 'GET', path: '/x', status: 302, responseHeaders: { Location: '/y' } })], exchange: exchange({ method: 'GET', path: '/y' }) },
    { name: 'a PROPFIND without any redirect before', exchange: propfind() },
  ],
  invalid: [
    { name: 'a PROPFIND redirected with 301 and followed with GET', history: [moved(301)], exchange: exchange({ method: 'GET', path: '/alice/calendar/' }), findings: [{ messageId: 'changed', severity: 'error', data: { from: 'PROPFIND', to: 'GET', status: 301 } }] },
  ],
});
