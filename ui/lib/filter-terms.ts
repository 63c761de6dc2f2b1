// Shortcut boxes that AND one term into the filter expression the user typed ("server faults only"
// writes `party:server`), and take it out again, leaving the rest as typed.
import { parseFilter } from '../../rules/filter/language.ts';

/** Whether the expression ANDs in this term (as withTerm writes it). */
export function hasTerm(expr: string, term: string): boolean {
  return expr.trim() === term || expr.trimEnd().endsWith(` and ${term}`);
}

/** Whether `and` must not bind into the expression as typed: its top is an `or` (in any case), or it does not parse. */
function needsParentheses(expr: string): boolean {
  try {
    return parseFilter(expr)?.kind === 'or';
  } catch {
    return true;
  }
}

/** The expression with the term ANDed in, or taken out again. */
export function withTerm(expr: string, term: string, on: boolean): string {
  const rest = expr.trim() === term ? '' : expr.trimEnd().endsWith(` and ${term}`) ? expr.trimEnd().slice(0, -` and ${term}`.length) : expr.trim();
  if (!on) return rest;
  return rest ? `${needsParentheses(rest) ? `(${rest})` : rest} and ${term}` : term;
}
