// Rule tests: DOCTYPE and entity declarations in request bodies.
import rule from '../../../rules/xml/doctype-or-entity.ts';
import { run } from '../tester.ts';
import { propfind } from '../factories.ts';

run(rule, {
  valid: [{ name: 'a plain PROPFIND', exchange: propfind() }],
  invalid: [
    { name: 'an external entity', exchange: propfind({ body: '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><D:propfind xmlns:D="DAV:"><D:prop>&x;</D:prop></D:propfind>' }), findings: [{ messageId: 'doctype', severity: 'error' }] },
  ],
});
