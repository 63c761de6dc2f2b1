// Rule tests: charset parameter vs XML declaration vs bytes.
import rule from '../../../rules/xml/charset-mismatch.ts';
import { run } from '../tester.ts';
import { exchange, propfind } from '../factories.ts';

const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

run(rule, {
  valid: [
    { name: 'utf-8 everywhere', exchange: propfind() },
    { name: 'a declaration without encoding', exchange: propfind({ body: '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>' }) },
  ],
  invalid: [
    {
      name: 'charset utf-8 with a declaration saying iso-8859-1',
      exchange: propfind({ body: '<?xml version="1.0" encoding="iso-8859-1"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>' }),
      findings: [{ messageId: 'disagree', data: { side: 'request', declared: 'iso-8859-1' } }],
    },
    {
      name: 'Latin-1 bytes labelled utf-8',
      exchange: exchange({ method: 'PROPPATCH', headers: { 'Content-Type': 'application/xml; charset=utf-8' }, requestBody: { kind: 'captured', bytes: latin1('<D:a xmlns:D="DAV:">Caf\u00e9</D:a>'), size: 24, truncated: false } }),
      findings: [{ messageId: 'invalid', data: { charset: 'utf-8' } }],
    },
    {
      name: 'a response in windows-1252',
      exchange: propfind({ responseHeaders: { 'Content-Type': 'text/xml; charset=windows-1252' }, responseBody: '<D:multistatus xmlns:D="DAV:"/>' }),
      findings: [{ messageId: 'not-utf8', severity: 'warning', data: { side: 'response' } }],
    },
  ],
});
