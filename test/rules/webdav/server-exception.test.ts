// Rule tests: sabre/dav 4's error bodies (lib/DAV/Server.php writes S:sabredav-version, S:exception and
// S:message into a DAV:error, on every error, a 401 challenge included) are shown at info, never as errors.
import rule from '../../../rules/webdav/server-exception.ts';
import { run } from '../tester.ts';
import { davError, exchange, get, put, propfind } from '../factories.ts';

const XML = { 'Content-Type': 'application/xml; charset=utf-8' };
const sabre = (exception: string, message: string, extra = '') =>
  davError(`<S:sabredav-version>4.6.0</S:sabredav-version><S:exception>${exception}</S:exception><S:message>${message}</S:message>${extra}`);

run(rule, {
  valid: [
    { name: 'given a plain 404 without a body, says nothing', exchange: get({ status: 404, responseBody: '', responseHeaders: {} }) },
    { name: 'given Radicale\'s bare DAV:error precondition, says nothing (webdav/precondition-error decodes it)', exchange: put({ status: 409, responseBody: davError('<D:resource-must-be-null/>') }) },
    {
      name: 'given a standard element beside the exception, says nothing (the precondition carries the message)',
      exchange: put({ status: 403, responseBody: sabre('Sabre\\DAVACL\\Exception\\NeedPrivileges', 'User did not have the required privileges (bind)', '<D:need-privileges/>') }),
    },
  ],
  invalid: [
    {
      name: 'given Nextcloud\'s 401 challenge body, shows the message at info: the server wants Digest',
      exchange: propfind({
        status: 401,
        responseHeaders: { 'WWW-Authenticate': 'Digest realm="SabreDAV", qop="auth", nonce="abc", opaque="xyz"' },
        responseBody: sabre('Sabre\\DAV\\Exception\\NotAuthenticated', "No 'Authorization: Digest' header found. Either the client didn't send one, or the server is misconfigured"),
      }),
      findings: [{ messageId: 'message', severity: 'info', data: { exception: 'NotAuthenticated', status: 401 }, message: /Authorization: Digest/, fix: /expects Digest/ }],
    },
    {
      name: 'given Baïkal\'s plain 404, shows it at info',
      exchange: get({ status: 404, responseHeaders: XML, responseBody: sabre('Sabre\\DAV\\Exception\\NotFound', 'Principal with name admin not found') }),
      findings: [{ messageId: 'message', severity: 'info', data: { exception: 'NotFound' }, message: /Principal with name admin not found/ }],
    },
    {
      name: 'given a 415 validation failure, shows which one the message names',
      exchange: put({ status: 415, responseBody: sabre('Sabre\\DAV\\Exception\\UnsupportedMediaType', 'A calendar object on a CalDAV server MUST NOT have a METHOD property') }),
      findings: [{ messageId: 'message', severity: 'info', message: /MUST NOT have a METHOD/, explanation: /sends it with 415/ }],
    },
    {
      name: 'given the base exception on a 500, says the fix is on the server side',
      exchange: exchange({ method: 'REPORT', status: 500, responseBody: sabre('Sabre\\DAV\\Exception', 'An exception occurred while executing a query') }),
      findings: [{ messageId: 'message', severity: 'info', fix: /server side/ }],
    },
    {
      name: 'given a class davscope does not know, still shows the message',
      exchange: get({ status: 400, responseHeaders: XML, responseBody: sabre('OCA\\DAV\\Exception\\Something', 'Something went wrong') }),
      findings: [{ messageId: 'message', severity: 'info', explanation: /not in davscope's table/, fix: /Read the message/ }],
    },
  ],
});
