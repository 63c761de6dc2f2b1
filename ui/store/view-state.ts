// What the user chose to see, apart from the rows themselves: which set, the filter, the selection,
// pause, silenced rules. An immutable value; the store replaces it on each intent.
import { EMPTY_FILTER, type Filter } from './filter.ts';

/** The selection by id, with the seq it was found at: rows are found by seq in O(log n). */
export interface Selection {
  readonly id: string;
  readonly seq: number | undefined;
}

export interface ViewState {
  /** Which set the screen shows. */
  readonly view: 'live' | 'file';
  readonly filter: Filter;
  readonly selection: Selection | undefined;
  /** While paused the list stays as it was: live rows with a higher seq are held back, not lost. */
  readonly pausedAfter: number | undefined;
  /** Rules whose findings this page hides. */
  readonly silenced: ReadonlySet<string>;
}

export const INITIAL_VIEW: ViewState = { view: 'live', filter: EMPTY_FILTER, selection: undefined, pausedAfter: undefined, silenced: new Set() };

/** The same view with `ruleId` silenced (on) or not (off), as a new set. */
export function withSilenced(v: ViewState, ruleId: string, on: boolean): ViewState {
  const silenced = new Set(v.silenced);
  if (on) silenced.add(ruleId);
  else silenced.delete(ruleId);
  return { ...v, silenced };
}
