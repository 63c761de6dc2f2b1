// An iCalendar body as a component tree: VCALENDAR, then each VEVENT/VTODO with its key properties
// first; VTIMEZONE folded; every property a click away; the properties a finding points at highlighted.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { IcalComponent, IcalDocument } from '../../rules/parse/ical/parse.ts';

const KEY = ['UID', 'SUMMARY', 'DTSTART', 'DTEND', 'DUE', 'DURATION', 'RRULE', 'RECURRENCE-ID', 'STATUS', 'SEQUENCE', 'ORGANIZER', 'TZID'];
const FOLDED = new Set(['VTIMEZONE', 'STANDARD', 'DAYLIGHT']);

export class DsIcalView extends LitElement {
  static properties = { doc: { attribute: false }, highlight: { attribute: false } };
  declare doc: IcalDocument | undefined;
  /** Upper-case property or component names to highlight. */
  declare highlight: ReadonlySet<string> | undefined;

  static styles = css`
    :host { display: block; font-size: 12px; }
    details { margin-left: 14px; }
    summary { cursor: pointer; font-family: var(--mono); font-weight: 700; color: var(--xml-caldav); }
    .prop { font-family: var(--mono); margin-left: 14px; white-space: pre-wrap; word-break: break-all; }
    .name { color: var(--accent); }
    .params { color: var(--fg-dim); }
    .hl { background: var(--hl-bg); outline: 1px solid var(--warning); }
    .more { margin-left: 14px; color: var(--fg-dim); }
    .key { color: var(--fg-dim); font-weight: 400; font-family: var(--sans); }
  `;

  private prop(p: IcalComponent['properties'][number]): TemplateResult {
    const params = Object.entries(p.params).map(([k, v]) => `;${k}=${v}`).join('');
    return html`<div class="prop ${this.highlight?.has(p.name) ? 'hl' : ''}" title="line ${p.line}"><span class="name">${p.name}</span><span class="params">${params}</span>:${p.value}</div>`;
  }

  private component(c: IcalComponent): TemplateResult {
    const key = c.properties.filter((p) => KEY.includes(p.name));
    const rest = c.properties.filter((p) => !KEY.includes(p.name));
    const hl = this.highlight?.has(c.name) ? 'hl' : '';
    const label = c.properties.find((p) => p.name === 'SUMMARY')?.value ?? c.properties.find((p) => p.name === 'TZID')?.value ?? '';
    return html`<details ?open=${!FOLDED.has(c.name)}>
      <summary class=${hl}>${c.name} ${label ? html`<span class="key">${label}</span>` : nothing}</summary>
      ${key.map((p) => this.prop(p))}
      ${rest.length
        ? html`<details class="more" ?open=${rest.some((p) => this.highlight?.has(p.name))}><summary class="key">${rest.length} more ${rest.length === 1 ? 'property' : 'properties'}</summary>${rest.map((p) => this.prop(p))}</details>`
        : nothing}
      ${c.components.map((k) => this.component(k))}
    </details>`;
  }

  render() {
    if (!this.doc) return nothing;
    return html`${this.doc.components.map((c) => this.component(c))}`;
  }
}
customElements.define('ds-ical-view', DsIcalView);
