// The iCalendar body a calendar-object rule should judge: a well-formed PUT request body, or nothing.
import type { IcalDocument } from '../parse/ical/parse.ts';
import type { ExchangeView } from '../engine/view.ts';
import type { SessionContext } from '../engine/session.ts';
import { parentKey } from '../model/paths.ts';
import { uids } from '../parse/ical/query.ts';

/** The parsed request body of a PUT carrying iCalendar; undefined when absent or malformed (ical/malformed-body reports that). */
export function putCalendar(view: ExchangeView): IcalDocument | undefined {
  if (view.method !== 'PUT') return undefined;
  const r = view.ical('request');
  return r?.ok ? r.doc : undefined;
}

/** A PUT that creates (If-None-Match: *, or a URL the session does not know to exist), not one that updates. */
export function putCreates(view: ExchangeView, context: SessionContext): boolean {
  return view.reqHeaders('If-None-Match').some((v) => v.trim() === '*') || context.resource(view.path)?.exists !== true;
}

/** The PUT's UID that another resource of the same calendar holds, as the session knows it, and that href
 *  (RFC 4791 §5.3.2.1 CALDAV:no-uid-conflict); undefined when there is none. */
export function uidHeldElsewhere(view: ExchangeView, context: SessionContext): { readonly uid: string; readonly existing: string } | undefined {
  const doc = putCalendar(view);
  for (const uid of doc ? uids(doc) : []) {
    const existing = context.hrefForUid(parentKey(view.key), uid);
    if (existing && existing !== view.key) return { uid, existing };
  }
  return undefined;
}

/** "20250120T100000Z" and friends: the value form of a DATE-TIME or DATE property. */
export function valueForm(value: string): 'date' | 'utc' | 'local' | 'other' {
  const v = value.trim();
  if (/^\d{8}$/.test(v)) return 'date';
  if (/^\d{8}T\d{6}Z$/.test(v)) return 'utc';
  if (/^\d{8}T\d{6}$/.test(v)) return 'local';
  return 'other';
}
