// The iCalendar body a calendar-object rule should judge: a well-formed PUT request body, or nothing.
import type { IcalDocument } from '../parse/ical/parse.ts';
import type { ExchangeView } from '../engine/view.ts';

/** The parsed request body of a PUT carrying iCalendar; undefined when absent or malformed (ical/malformed-body reports that). */
export function putCalendar(view: ExchangeView): IcalDocument | undefined {
  if (view.method !== 'PUT') return undefined;
  const r = view.ical('request');
  return r?.ok ? r.doc : undefined;
}

/** "20250120T100000Z" and friends: the value form of a DATE-TIME or DATE property. */
export function valueForm(value: string): 'date' | 'utc' | 'local' | 'other' {
  const v = value.trim();
  if (/^\d{8}$/.test(v)) return 'date';
  if (/^\d{8}T\d{6}Z$/.test(v)) return 'utc';
  if (/^\d{8}T\d{6}$/.test(v)) return 'local';
  return 'other';
}
