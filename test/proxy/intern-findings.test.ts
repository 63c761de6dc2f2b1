// Findings copied back from the analysis worker share one copy of their long texts once interned.
import { describe, expect, it } from 'vitest';
import { FindingInterner } from '../../proxy/analysis/intern-findings.ts';
import type { Finding } from '../../rules/model/exchange.ts';

const finding = (message: string): Finding => ({
  ruleId: 'caldav/put-create-without-if-none-match',
  messageId: 'created',
  severity: 'warning',
  message,
  explanation: 'A long explanation '.repeat(20),
  fix: 'Send If-None-Match: *.',
  specs: [{ spec: 'RFC 4791', section: '5.3.2', url: 'https://www.rfc-editor.org/rfc/rfc4791#section-5.3.2' }],
});

describe('FindingInterner', () => {
  it('keeps every field equal and shares explanation, fix and spec list between copies', () => {
    const interner = new FindingInterner();
    // structuredClone stands for the copy the worker's message makes.
    const [a] = interner.intern([structuredClone(finding('PUT created /a.ics'))]);
    const [b] = interner.intern([structuredClone(finding('PUT created /b.ics'))]);
    expect(a).toEqual(finding('PUT created /a.ics'));
    expect(b.message).toBe('PUT created /b.ics');
    expect(b.specs).toBe(a.specs);
    expect(Object.is(b.explanation, a.explanation)).toBe(true);
  });
});
