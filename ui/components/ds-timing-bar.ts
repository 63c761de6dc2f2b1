// The timings of one exchange as a bar: sending the request, waiting for the first byte, receiving.
import { LitElement, css, html, nothing } from 'lit';
import type { Timings } from '../../rules/model/exchange.ts';
import { cssProps } from '../lib/css-props.ts';
import { duration } from '../lib/format.ts';

export class DsTimingBar extends LitElement {
  static properties = { timings: { attribute: false } };
  declare timings: Timings | undefined;

  static styles = css`
    :host { display: block; margin: 6px 0; }
    .bar { display: flex; height: 10px; border-radius: 3px; overflow: hidden; background: var(--bg-alt); border: 1px solid var(--border); }
    .send { background: #8fb3f0; } .wait { background: #f0c36d; } .recv { background: #7cc48a; }
    .legend { font-size: 11px; color: var(--fg-dim); display: flex; gap: 12px; margin-top: 2px; }
    i { display: inline-block; width: 8px; height: 8px; margin-right: 3px; border-radius: 2px; }
  `;

  render() {
    const t = this.timings;
    if (!t || t.end === undefined) return html`<div class="legend">in progress</div>`;
    const end = Math.max(t.end, 0.001);
    const send = t.requestEnd ?? 0;
    const first = t.responseStart ?? send;
    const pct = (a: number, b: number) => ({ width: `${Math.max(0, ((b - a) / end) * 100)}%` });
    return html`
      <div class="bar" title="total ${duration(t.end)}">
        <div class="send" ${cssProps(pct(0, send))}></div>
        <div class="wait" ${cssProps(pct(send, first))}></div>
        <div class="recv" ${cssProps(pct(first, end))}></div>
      </div>
      <div class="legend">
        <span><i class="send"></i>request sent ${duration(send)}</span>
        ${t.responseStart !== undefined ? html`<span><i class="wait"></i>first byte after ${duration(first)}</span>` : nothing}
        <span><i class="recv"></i>done at ${duration(t.end)}</span>
      </div>
    `;
  }
}
customElements.define('ds-timing-bar', DsTimingBar);
