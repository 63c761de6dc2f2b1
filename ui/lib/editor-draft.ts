// What the request editor starts from: an exchange's request (edit and resend) or one of the
// composer's templates (new request). Kept apart from the editor so the shell can build a draft
// without loading the editor and CodeMirror until they are needed.
import type { WireExchange } from '../../rules/model/wire.ts';
import { toBase64 } from '../../rules/model/base64.ts';

/** A composer template as GET /api/compose gives it. */
export interface Template {
  readonly id: string;
  readonly title: string;
  readonly method: string;
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  readonly needs?: string;
}

/** What the editor starts from: an exchange's request, or a template. */
export interface EditorDraft {
  readonly method: string;
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  /** A body that is not UTF-8 text: sent as it was, not editable. */
  readonly bodyBase64?: string;
  /** The live exchange this edits (the new one is linked to it). */
  readonly resentFrom?: string;
}

/** The draft for editing an exchange's request; `live` says whether the server holds it. */
export function draftOf(ex: WireExchange, live: boolean): EditorDraft {
  const b = ex.request.body;
  const text = b.kind === 'captured' && b.encoding === 'utf8' && !b.contentEncoding ? b.data : '';
  const binary = b.kind === 'captured' && (b.encoding === 'base64' || b.contentEncoding) ? { bodyBase64: b.encoding === 'base64' ? b.data : toBase64(new TextEncoder().encode(b.data)) } : {};
  return { method: ex.request.method, target: ex.request.target, headers: ex.request.headers, body: text, ...binary, ...(live ? { resentFrom: ex.id } : {}) };
}
