// The filter language applied to a request that has just arrived (intercept): only the terms a
// request can answer (method, path, headers, body, XML, source, bare words); a filter that asks
// about the answer is refused with the word that cannot be used. Pure.
import type { HeaderList } from '../model/exchange.ts';
import { compileFilterText, FilterError, requestOnlyProblem } from './language.ts';
import { subjectOfRequestHead } from './subjects.ts';

export { FilterError, FILTER_KEYS } from './language.ts';

export interface RequestHead {
  readonly method: string;
  readonly target: string;
  readonly headers: HeaderList;
  /** The body as text, when it was read. */
  readonly body?: string;
}

export type RequestFilter = (head: RequestHead) => boolean;

/** Compiles filter text for requests; throws FilterError with what to write instead. */
export function compileRequestFilter(text: string): RequestFilter {
  const match = compileFilterText(text);
  const problem = requestOnlyProblem(text);
  if (problem) throw new FilterError(problem, 0);
  return (head) => match(subjectOfRequestHead(head));
}
