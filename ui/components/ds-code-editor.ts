// A CodeMirror 6 editor as a lit element: XML or iCalendar highlighting, undo, search, bracket
// matching, line numbers. `value` sets the text; edits are raised as code-change events.
import { LitElement, css, html } from 'lit';
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { xml } from '@codemirror/lang-xml';
import { icalLanguage } from '../lib/ical-language.ts';
import { emit } from './events.ts';

export type CodeLanguage = 'xml' | 'ical' | 'text';

/** The language a Content-Type asks for (XML types, text/calendar), else plain text. */
export function languageOf(contentType: string | undefined, body: string): CodeLanguage {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/calendar' || (!type && body.startsWith('BEGIN:VCALENDAR'))) return 'ical';
  if (type.endsWith('/xml') || type.endsWith('+xml') || (!type && body.trimStart().startsWith('<'))) return 'xml';
  return 'text';
}

const extensionOf = (language: CodeLanguage) => (language === 'xml' ? xml() : language === 'ical' ? icalLanguage : []);

export class DsCodeEditor extends LitElement {
  static properties = { value: { attribute: false }, language: { attribute: false }, readonly: { type: Boolean } };
  declare value: string;
  declare language: CodeLanguage;
  declare readonly: boolean;
  private view: EditorView | undefined;
  private readonly languageSlot = new Compartment();
  private readonly readonlySlot = new Compartment();

  static styles = css`
    :host { display: block; border: 1px solid var(--border); min-height: 8em; max-height: 50vh; overflow: auto; background: var(--bg); }
    .cm-editor { font-size: 12px; }
    .cm-editor.cm-focused { outline: 1px solid var(--accent); }
  `;

  constructor() {
    super();
    this.value = '';
    this.language = 'text';
    this.readonly = false;
  }

  /** The text as it is now in the editor. */
  get text(): string {
    return this.view?.state.doc.toString() ?? this.value;
  }

  firstUpdated() {
    this.view = new EditorView({
      parent: this.renderRoot.querySelector('.host')!,
      // In a shadow root CodeMirror must put its styles there, not in the document.
      root: this.renderRoot as ShadowRoot,
      state: EditorState.create({
        doc: this.value,
        extensions: [
          basicSetup,
          EditorView.lineWrapping,
          this.languageSlot.of(extensionOf(this.language)),
          this.readonlySlot.of(EditorState.readOnly.of(this.readonly)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) emit(this, 'code-change', { value: u.state.doc.toString() });
          }),
        ],
      }),
    });
  }

  updated(changed: Map<string, unknown>) {
    const view = this.view;
    if (!view) return;
    const effects = [];
    if (changed.has('language')) effects.push(this.languageSlot.reconfigure(extensionOf(this.language)));
    if (changed.has('readonly')) effects.push(this.readonlySlot.reconfigure(EditorState.readOnly.of(this.readonly)));
    const changes = changed.has('value') && this.value !== view.state.doc.toString() ? { from: 0, to: view.state.doc.length, insert: this.value } : undefined;
    if (effects.length || changes) view.dispatch({ effects, ...(changes ? { changes } : {}) });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = undefined;
  }

  connectedCallback() {
    super.connectedCallback();
    // Re-attached after a move: build the view again on the next render.
    if (this.hasUpdated && !this.view) this.firstUpdated();
  }

  render() {
    return html`<div class="host"></div>`;
  }
}
customElements.define('ds-code-editor', DsCodeEditor);
