// Rule tests: a /.well-known/caldav redirect chain that ends on a web page or an HTML refusal.
import rule from '../../../rules/caldav/discovery-lands-on-non-dav.ts';
import { run } from '../tester.ts';
import { HOST, exchange, propfind } from '../factories.ts';

const wellKnown = (method = 'PROPFIND', location = '/') => exchange({ method, path: '/.well-known/caldav', status: 301, responseHeaders: { Location: location } });
const html = { responseBody: '<!doctype html><html><body>Radicale Web Interface</body></html>', responseHeaders: { 'Content-Type': 'text/html; charset=utf-8' } };

run(rule, {
  valid: [
    { name: 'a well-known redirect followed by a PROPFIND answered 207', history: [wellKnown()], exchange: propfind({ path: '/', headers: { Depth: '0' } }) },
    { name: 'a web page fetched without any discovery redirect', exchange: exchange({ method: 'GET', path: '/.web/', status: 200, ...html }) },
    { name: 'a web page at the end of an unrelated redirect', history: [exchange({ method: 'GET', path: '/', status: 302, responseHeaders: { Location: '/.web/' } })], exchange: exchange({ method: 'GET', path: '/.web/', status: 200, ...html }) },
    {
      name: 'a PROPFIND answered 200 text/html after the redirect (webdav/multistatus-expected reports it)',
      history: [wellKnown()],
      exchange: propfind({ path: '/', status: 200, ...html }),
    },
  ],
  invalid: [
    {
      name: 'Radicale discovery followed with GET: well-known -> / -> /.web/ (toeverything/AFFiNE#15482)',
      history: [wellKnown('GET'), exchange({ method: 'GET', path: '/', status: 302, responseHeaders: { Location: '.web/' } })],
      exchange: exchange({ method: 'GET', path: '/.web/', status: 200, ...html }),
      findings: [{ messageId: 'web-page', severity: 'warning', data: { path: '/.web/', status: 200, method: 'GET' }, location: { side: 'response' } }],
    },
    {
      name: 'an absolute Location to a path that nginx answers 405 (AvengeMedia/dankcalendar#98)',
      history: [wellKnown('PROPFIND', `${HOST}/dav/`)],
      exchange: propfind({ path: '/dav/', status: 405, responseBody: '<html><body>405 Not Allowed</body></html>', responseHeaders: { 'Content-Type': 'text/html' } }),
      findings: [{ messageId: 'refused', data: { method: 'PROPFIND', status: 405, path: '/dav/' } }],
    },
  ],
});
