// The request filter words intercept uses: each word narrows, negation inverts, typos are named.
import { describe, expect, it } from 'vitest';
import { compileRequestFilter, FilterError } from '../../../rules/filter/request-filter.ts';

const put = { method: 'PUT', target: '/cal/alice/work/x.ics', headers: [['If-None-Match', '*'], ['Content-Type', 'text/calendar']] as [string, string][] };
const report = { method: 'REPORT', target: '/cal/alice/work/', headers: [['Depth', '1']] as [string, string][] };

describe('compileRequestFilter', () => {
  it.each([
    ['', [true, true]],
    ['method:PUT', [true, false]],
    ['method:put,report', [true, true]],
    ['-method:PUT', [false, true]],
    ['path:/work/', [true, true]],
    ['path:.ics', [true, false]],
    ['header:if-none-match', [true, false]],
    ['header:Depth=1', [false, true]],
    ['header:Depth=0', [false, false]],
    ['calendar', [true, false]],
    ['REPORT path:/alice/', [false, true]],
    ['-x.ics', [false, true]],
  ])('"%s" picks %j of PUT and REPORT', (text, expected) => {
    const f = compileRequestFilter(text);
    expect([f(put), f(report)]).toEqual(expected);
  });

  it('names the known words when a key is unknown', () => {
    expect(() => compileRequestFilter('verb:PUT')).toThrow(FilterError);
    expect(() => compileRequestFilter('verb:PUT')).toThrow(/Known keys: method: status: path: header:/);
    expect(() => compileRequestFilter('status:4xx')).toThrow(/only known once the answer is in/);
    expect(() => compileRequestFilter('method:')).toThrow(/method:PUT,DELETE/);
  });
});
