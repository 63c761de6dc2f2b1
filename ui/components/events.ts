// The events the components raise to the shell, named once with their details: `emit` only accepts
// a detail of the declared type, and a handler typed `DsEvent<K>` gets it without a cast.
import type { Filter } from '../store/filter.ts';
import type { OpenedInterop } from '../lib/interop-report.ts';

export interface DsEvents {
  'select-exchange': { readonly id: string };
  'open-exchange': { readonly id: string };
  'move-selection': { readonly step: number };
  'filter-change': Partial<Filter>;
  'filter-reset': undefined;
  'pause-toggle': undefined;
  'clear-request': undefined;
  'silence-rule': { readonly ruleId: string; readonly on: boolean };
  'file-chosen': { readonly file: File };
  'code-change': { readonly value: string };
  /** Open the request editor on this exchange (edit and resend), or blank (new request). */
  'edit-request': { readonly id?: string };
  /** The editor sent a request: the new exchange's id. */
  'request-sent': { readonly id: string };
  'editor-close': undefined;
  /** Compare exchange `id` with the one it derives from, `with`. */
  'compare-exchange': { readonly id: string; readonly with: string };
  'compare-close': undefined;
  /** An interop run from the page made its table. */
  'interop-report': { readonly report: OpenedInterop; readonly json: string };
}

export type DsEvent<K extends keyof DsEvents> = CustomEvent<DsEvents[K]>;

/** Dispatches `name` from `el`, bubbling out of shadow roots up to the shell. */
export function emit<K extends keyof DsEvents>(el: EventTarget, name: K, detail: DsEvents[K]): void {
  el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  // So addEventListener on any element knows the detail of these events too.
  interface HTMLElementEventMap {
    'select-exchange': DsEvent<'select-exchange'>;
    'open-exchange': DsEvent<'open-exchange'>;
    'move-selection': DsEvent<'move-selection'>;
    'filter-change': DsEvent<'filter-change'>;
    'filter-reset': DsEvent<'filter-reset'>;
    'pause-toggle': DsEvent<'pause-toggle'>;
    'clear-request': DsEvent<'clear-request'>;
    'silence-rule': DsEvent<'silence-rule'>;
    'file-chosen': DsEvent<'file-chosen'>;
    'code-change': DsEvent<'code-change'>;
    'edit-request': DsEvent<'edit-request'>;
    'request-sent': DsEvent<'request-sent'>;
    'editor-close': DsEvent<'editor-close'>;
    'compare-exchange': DsEvent<'compare-exchange'>;
    'compare-close': DsEvent<'compare-close'>;
    'interop-report': DsEvent<'interop-report'>;
  }
}
