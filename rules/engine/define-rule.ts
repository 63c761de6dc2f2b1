// The typed shape of a rule and the helper every rule file uses to declare itself.
import type { FindingLocation, Party, Severity, SpecRef } from '../model/exchange.ts';
import type { ExchangeView } from './view.ts';
import type { SessionContext } from './session.ts';

export interface RuleDocs {
  /** One sentence. */
  readonly summary: string;
  readonly specs: readonly SpecRef[];
  /** The teaching text: why it matters, what breaks, who trips on it. */
  readonly details: string;
}

export interface RuleMessage {
  /** One line; {placeholders} are filled from the report's data. */
  readonly message: string;
  readonly fix: string;
}

export type ReportData = Readonly<Record<string, string | number>>;

export interface Report<M extends string = string> {
  readonly messageId: M;
  readonly data?: ReportData;
  readonly location?: FindingLocation;
  /** Replaces the rule's docs.details for this finding. */
  readonly explanation?: string;
  /** Replaces the message's fix for this finding. */
  readonly fix?: string;
  /** Replaces the rule's default severity (the user's configuration still wins). */
  readonly severity?: Severity;
  /** Replaces the rule's spec references for this finding. */
  readonly specs?: readonly SpecRef[];
  /** Replaces the rule's party for this finding. */
  readonly party?: Party;
}

/**
 * Whose fault the rule's findings are: a party, or 'by-side' for a rule that judges both messages
 * (the client for a finding on the request, the server for one on the response).
 */
type RuleParty = Party | 'by-side';

export interface Rule<M extends string = string> {
  /** "layer/name", stable forever; the file is rules/<id>.ts. */
  readonly id: string;
  readonly severity: Severity;
  /** Whose fault its findings are (a report may say otherwise). */
  readonly party: RuleParty;
  /**
   * The fact its findings explain, when other rules may explain it too: the engine then shows one
   * primary finding per fact and folds the others under it. 'refusal' is why the request failed,
   * and counts only on an exchange answered 4xx/5xx.
   */
  readonly explains?: 'refusal';
  readonly docs: RuleDocs;
  readonly messages: Readonly<Record<M, RuleMessage>>;
  /**
   * The request methods (upper-case) the rule checks, when it checks only some: the engine calls it
   * for no other, so this is the rule's only method guard (its check need not test the method
   * again). Absent: every method.
   */
  readonly methods?: readonly string[];
  /**
   * True when the rule stays right on what is whole of a body cut at the capture cap (the root's
   * complete XML children, the complete iCalendar components): it judges what is there, never what
   * is missing. It then sees that kept part, and its findings there are marked partial. Absent: the
   * rule sees no body where one was cut.
   */
  readonly judgesKeptPart?: true;
  /** Pure: reads the view and the session, returns reports, never mutates anything. */
  check(view: ExchangeView, context: SessionContext): readonly Report<M>[];
}

/** Declares a rule; the const type parameter ties report message ids to the messages table. */
export function defineRule<const M extends string>(
  rule: Omit<Rule<M>, 'check'> & { check(view: ExchangeView, context: SessionContext): readonly Report<NoInfer<M>>[] },
): Rule<M> {
  return rule;
}

/** A rule with its message ids erased, for lists of mixed rules. */
export type AnyRule = Rule<string>;
