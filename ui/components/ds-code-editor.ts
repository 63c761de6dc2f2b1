// A CodeMirror 6 editor as a lit element: XML or iCalendar highlighting, undo, search, bracket
// matching, line numbers. `value` sets the text; edits are raised as code-change events.
import { LitElement, css, html } from 'lit';
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { xml } from '@codemirror/lang-xml';
import { icalLanguage } from '../lib/ical-language.ts';
import { emit } from './events.ts';
import type { CodeLanguage } from '../lib/code-language.ts';

/**
 * The line end the text uses. CodeMirror would otherwise turn every CRLF into LF: an iCalendar body
 * (RFC 5545 wants CRLF) would be sent with other bytes than the user edited.
 */
export function lineSeparatorOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n';
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
  private readonly separatorSlot = new Compartment();

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
    return this.view?.state.sliceDoc() ?? this.value;
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
          this.separatorSlot.of(EditorState.lineSeparator.of(lineSeparatorOf(this.value))),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) emit(this, 'code-change', { value: u.state.sliceDoc() });
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
    const replacing = changed.has('value') && this.value !== view.state.sliceDoc();
    // A new text brings its own line ends: set them before the text goes in.
    if (replacing) view.dispatch({ effects: this.separatorSlot.reconfigure(EditorState.lineSeparator.of(lineSeparatorOf(this.value))) });
    const changes = replacing ? { from: 0, to: view.state.doc.length, insert: this.value } : undefined;
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
