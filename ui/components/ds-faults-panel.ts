// The Faults panel: every preset and loaded fault, on or off live, how often each fired, what it
// does and what a correct client does next. Folded to one line until opened. Talks to the
// writable API itself (POST /api/faults); the state comes down from the store.
import { LitElement, css, html, nothing } from 'lit';
import type { FaultState } from '../../rules/model/protocol.ts';
import { postJson, type PostResult } from '../lib/post-json.ts';

export class DsFaultsPanel extends LitElement {
  static properties = { faults: { attribute: false }, post: { attribute: false }, open: { state: true }, message: { state: true } };
  declare faults: readonly FaultState[];
  declare post: (path: string, value: unknown) => Promise<PostResult>;
  declare open: boolean;
  declare message: string | undefined;

  static styles = css`
    :host { display: block; border-bottom: 1px solid var(--border); font-size: 12px; }
    .bar { display: flex; gap: 8px; align-items: center; padding: 4px 10px; cursor: pointer; }
    .bar.on { background: color-mix(in srgb, var(--error) 10%, transparent); }
    table { border-collapse: collapse; width: 100%; }
    td { padding: 2px 10px; border-top: 1px solid var(--border); vertical-align: top; }
    td.name { font-family: var(--mono); white-space: nowrap; }
    .dim { color: var(--fg-dim); }
    .error { color: var(--error); padding: 2px 10px; }
    .list { max-height: 40vh; overflow: auto; }
  `;

  constructor() {
    super();
    this.faults = [];
    this.post = postJson;
    this.open = false;
  }

  private async toggle(name: string, enabled: boolean) {
    const r = await this.post('/api/faults', { name, enabled });
    this.message = r.ok ? undefined : r.error;
  }

  render() {
    const on = this.faults.filter((f) => f.enabled);
    return html`
      <div class="bar ${on.length ? 'on' : ''}" @click=${() => (this.open = !this.open)}>
        <span>${this.open ? '▾' : '▸'} Faults</span>
        <span class="summary">${on.length ? `${on.length} on: ${on.map((f) => `${f.name} (fired ${f.fired})`).join(', ')}` : 'none on: the server answers for itself'}</span>
      </div>
      ${this.message ? html`<div class="error" role="alert">${this.message}</div>` : nothing}
      ${this.open
        ? html`<div class="list"><table>
            ${this.faults.map(
              (f) => html`<tr class="fault" data-name=${f.name}>
                <td><input class="toggle" type="checkbox" .checked=${f.enabled} @change=${(e: Event) => this.toggle(f.name, (e.target as HTMLInputElement).checked)} /></td>
                <td class="name">${f.name}</td>
                <td class="fired">${f.fired} fired</td>
                <td>${f.does}${f.correctClient ? html`<br /><span class="dim">a correct client: ${f.correctClient}${f.spec ? ` (${f.spec})` : ''}</span>` : nothing}</td>
              </tr>`,
            )}
          </table></div>`
        : nothing}
    `;
  }
}
customElements.define('ds-faults-panel', DsFaultsPanel);
