// Every rule, listed explicitly and kept sorted by id; the catalogue test checks nothing is missing.
import type { AnyRule } from './engine/define-rule.ts';
import caldavPutCreateWithoutIfNoneMatch from './caldav/put-create-without-if-none-match.ts';

export const allRules: readonly AnyRule[] = [
  caldavPutCreateWithoutIfNoneMatch,
];
