// Rule tests: Prefer return=minimal and depth-noroot ignored (legal), claimed but not applied, and Vary on GET.
import rule from '../../../rules/webdav/prefer-minimal-semantics.ts';
import { run } from '../tester.ts';
import { CALENDAR, EVENT, get, icalEvent, multistatus, propfind, put } from '../factories.ts';

const with404 = multistatus([
  { href: CALENDAR, propstats: [{ status: 200, props: '<D:resourcetype><D:collection/></D:resourcetype>' }, { status: 404, props: '<CS:getctag/>' }] },
  { href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] },
]);
const minimalNoRoot = multistatus([{ href: EVENT, propstats: [{ status: 200, props: '<D:getetag>"e1"</D:getetag>' }] }]);

run(rule, {
  valid: [
    { name: 'a minimal answer without 404 propstats', exchange: propfind({ headers: { Depth: '1', Prefer: 'return=minimal' }, responseBody: minimalNoRoot, responseHeaders: { 'Preference-Applied': 'return=minimal' } }) },
    { name: 'a PROPFIND without Prefer that has 404 propstats', exchange: propfind({ responseBody: with404 }) },
    { name: 'depth-noroot honoured', exchange: propfind({ headers: { Depth: '1', Prefer: 'depth-noroot' }, responseBody: minimalNoRoot }) },
    { name: 'depth-noroot on a Depth: 0 PROPFIND (the preference does not apply)', exchange: propfind({ headers: { Depth: '0', Prefer: 'depth-noroot' } }) },
    { name: 'a failed PROPFIND with Prefer', exchange: propfind({ headers: { Depth: '1', Prefer: 'return=minimal' }, status: 403, responseBody: undefined }) },
    { name: 'a GET with Preference-Applied and Vary: Prefer', exchange: get({ headers: { Prefer: 'return=minimal' }, responseHeaders: { 'Content-Type': 'text/calendar', 'Preference-Applied': 'return=minimal', Vary: 'Accept-Encoding, Prefer' } }) },
    { name: 'a GET with Prefer that the server ignored', exchange: get({ headers: { Prefer: 'return=minimal' } }) },
    {
      name: 'a PUT with return=representation answered with the stored object',
      exchange: put({ headers: { 'If-None-Match': '*', Prefer: 'return=representation' }, responseBody: icalEvent(), responseHeaders: { ETag: '"e1"', 'Preference-Applied': 'return=representation' } }),
    },
    { name: 'a PUT with return=representation refused with 412', exchange: put({ headers: { 'If-None-Match': '*', Prefer: 'return=representation' }, status: 412 }) },
  ],
  invalid: [
    {
      name: 'Radicale-style 404 propstats although return=minimal was asked',
      exchange: propfind({ headers: { Depth: '1', Prefer: 'return=minimal' }, responseBody: with404 }),
      findings: [{ messageId: 'ignored', severity: 'info', data: { preference: 'return=minimal', evidence: '404 propstats for 1 href(s)' } }],
    },
    {
      name: 'the legacy Brief: t header ignored',
      exchange: propfind({ headers: { Depth: '1', Brief: 't' }, responseBody: with404 }),
      findings: [{ messageId: 'ignored', data: { preference: 'Brief: t (return=minimal)' } }],
    },
    {
      name: 'Preference-Applied: return=minimal with 404 propstats present',
      exchange: propfind({ headers: { Depth: '1', Prefer: 'return=minimal' }, responseBody: with404, responseHeaders: { 'Preference-Applied': 'return=minimal' } }),
      findings: [{ messageId: 'applied-not-honoured', severity: 'warning' }],
    },
    {
      name: 'depth-noroot ignored and claimed: the request-URI is listed',
      exchange: propfind({ headers: { Depth: '1', Prefer: 'return=minimal, depth-noroot' }, responseBody: with404, responseHeaders: { 'Preference-Applied': 'depth-noroot' } }),
      findings: [
        { messageId: 'ignored', data: { preference: 'return=minimal' } },
        { messageId: 'applied-not-honoured', data: { preference: 'depth-noroot', evidence: 'a response for the request-URI itself' } },
      ],
    },
    {
      name: 'a PUT with return=representation answered 201 with no body (ignored, legal)',
      exchange: put({ headers: { 'If-None-Match': '*', Prefer: 'return=representation' } }),
      findings: [{ messageId: 'ignored', severity: 'info', data: { method: 'PUT', preference: 'return=representation', evidence: 'an empty body' }, fix: /GET the object/ }],
    },
    {
      name: 'a PUT whose empty answer claims Preference-Applied: return=representation',
      exchange: put({ headers: { 'If-None-Match': '*', Prefer: 'return=representation' }, responseHeaders: { ETag: '"e1"', 'Preference-Applied': 'return=representation' } }),
      findings: [{ messageId: 'applied-not-honoured', severity: 'warning', data: { evidence: 'an empty body' } }],
    },
    {
      name: 'a GET whose form follows Prefer without Vary: Prefer',
      exchange: get({ headers: { Prefer: 'return=minimal' }, responseHeaders: { 'Content-Type': 'text/calendar', 'Preference-Applied': 'return=minimal', Vary: 'Accept-Encoding' } }),
      findings: [{ messageId: 'missing-vary', severity: 'warning', location: { header: 'Vary' } }],
    },
  ],
});
