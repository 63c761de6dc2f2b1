// The detail of one exchange: the decoded precondition banner, status and timings, findings, then
// request and response with headers and bodies; "copy as curl". Events up: none it needs to raise.
import { LitElement, css, html, nothing } from 'lit';
import type { Finding } from '../../rules/model/exchange.ts';
import type { ExchangeRow } from '../../rules/model/protocol.ts';
import { exchangeFromWire, type WireExchange } from '../../rules/model/wire.ts';
import { viewOf } from '../../rules/engine/view.ts';
import { lookupPrecondition, prefixedName, SABRE_DIAGNOSTICS } from '../../rules/decode/preconditions.ts';
import { NS } from '../../rules/parse/xml/namespaces.ts';
import { clock, duration, relativeTarget } from '../lib/format.ts';
import { curlCommand } from '../lib/curl.ts';
import { holdsCredentials } from '../lib/mask.ts';
import type { DecodedCondition } from './ds-precondition-banner.ts';
import './ds-precondition-banner.ts';
import './ds-finding-card.ts';
import './ds-headers-table.ts';
import './ds-body-view.ts';
import './ds-timing-bar.ts';
import './ds-exchange-origin.ts';
import { emit } from './events.ts';

interface Highlights {
  headers: Set<string>;
  xml: Set<string>;
  ical: Set<string>;
}

function highlightsOf(findings: readonly Finding[], side: 'request' | 'response'): Highlights {
  const h: Highlights = { headers: new Set(), xml: new Set(), ical: new Set() };
  for (const f of findings) {
    const loc = f.location;
    if (!loc || loc.side !== side) continue;
    if (loc.header) h.headers.add(loc.header.toLowerCase());
    if (loc.xmlElement) h.xml.add(loc.xmlElement);
    if (loc.icalProperty) h.ical.add(loc.icalProperty.toUpperCase());
  }
  return h;
}

/** The DAV:error elements of an error response body, decoded with the precondition table. */
function bannerConditions(ex: WireExchange): DecodedCondition[] {
  if (!ex.response || ex.response.status < 400) return [];
  try {
    return viewOf(exchangeFromWire(ex))
      // sabre/dav's own exception and message are the server's words, not preconditions: a finding shows them.
      .conditions.filter((c) => c.where === 'body' && !(c.element.ns === NS.SABRE && SABRE_DIAGNOSTICS.has(c.element.local)))
      .map((c) => {
        const info = lookupPrecondition(c.name);
        return { name: info?.name ?? prefixedName(c.name), meaning: info?.meaning, fix: info?.fix, status: c.status };
      });
  } catch {
    return [];
  }
}

/** A finding's repeats in the session, for its card: how many, where it was first, and the filter showing them. */
function repeatsOf(o: { count: number; firstSeq: number | undefined } | undefined, row: ExchangeRow): { count: number; firstSeq: number; method: string } | undefined {
  return o && o.count > 1 && o.firstSeq !== undefined ? { count: o.count, firstSeq: o.firstSeq, method: row.method } : undefined;
}

/** The findings folded into this card's finding (into the first card of that rule, when a rule has several). */
function foldedUnder(f: Finding, primaries: readonly Finding[], findings: readonly Finding[]): Finding[] {
  if (primaries.find((p) => p.ruleId === f.ruleId) !== f) return [];
  return findings.filter((x) => x.foldedInto === f.ruleId);
}

export class DsExchangeDetail extends LitElement {
  static properties = {
    row: { attribute: false },
    exchange: { attribute: false },
    loadError: { attribute: false },
    silenced: { attribute: false },
    proxyUrl: { attribute: false },
    occurrences: { attribute: false },
    curl: { state: true },
  };
  declare row: ExchangeRow | undefined;
  declare exchange: WireExchange | undefined;
  declare loadError: string | undefined;
  declare silenced: ReadonlySet<string> | undefined;
  declare proxyUrl: string | undefined;
  /** How often a rule fired on this kind of request in the session (repeats are told once, with a count). */
  declare occurrences: ((ruleId: string) => { count: number; firstSeq: number | undefined } | undefined) | undefined;
  declare curl: string | undefined;

  private bannerFor: WireExchange | undefined;
  private banner: DecodedCondition[] = [];

  static styles = css`
    :host { display: block; padding: 10px 14px; overflow: auto; height: 100%; box-sizing: border-box; }
    h3 { margin: 0 0 4px; font-size: 15px; font-family: var(--mono); word-break: break-all; }
    h4 { margin: 14px 0 4px; font-size: 12px; text-transform: uppercase; color: var(--fg-dim); }
    .status { font-weight: 700; }
    .s2 { color: var(--ok); } .s3 { color: var(--info); } .s4, .s5, .failed { color: var(--error); }
    .meta { color: var(--fg-dim); font-size: 12px; }
    section { border-top: 1px solid var(--border); margin-top: 10px; padding-top: 4px; }
    button { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--border); background: var(--bg-alt); color: var(--fg); border-radius: 3px; cursor: pointer; }
    pre.curl { font-family: var(--mono); font-size: 12px; white-space: pre-wrap; word-break: break-all; background: var(--bg-alt); border: 1px solid var(--border); padding: 6px; }
    .empty { color: var(--fg-dim); padding: 20px; }
    .silenced { color: var(--fg-dim); font-size: 12px; }
    .actions { display: flex; gap: 6px; margin: 4px 0; }
    nav.jump { position: sticky; top: -10px; z-index: 1; display: flex; gap: 14px; padding: 4px 0; background: var(--bg); border-bottom: 1px solid var(--border); font-size: 12px; }
    nav.jump a { color: var(--accent); }
  `;

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('exchange') && this.exchange !== this.bannerFor) {
      this.bannerFor = this.exchange;
      this.banner = this.exchange ? bannerConditions(this.exchange) : [];
      this.curl = undefined;
    }
  }

  private async copyCurl(revealCredentials = false) {
    if (!this.exchange) return;
    // Never the exchange's own upstream: an opened file says what it likes there. The proxy's default
    // address stands in until the page knows the real one.
    const cmd = curlCommand(this.exchange, this.proxyUrl || 'http://127.0.0.1:8088/', { revealCredentials });
    this.curl = cmd;
    try {
      await navigator.clipboard.writeText(cmd);
    } catch {
      // Without clipboard permission the command stays visible below the button to copy by hand.
    }
  }

  render() {
    const row = this.row;
    if (!row) return html`<div class="empty">Select an exchange to see its headers, bodies and findings (↑/↓ and Enter work in the list).</div>`;
    const ex = this.exchange;
    const statusClass = row.error ? 'failed' : row.status ? `s${Math.floor(row.status / 100)}` : '';
    const status = row.error ? `failed: ${row.error.code} (${row.error.phase})` : row.status ? `${row.status} ${row.statusText ?? ''}` : 'waiting for the response…';
    const all = ex?.findings ?? [];
    const silenced = this.silenced ?? new Set<string>();
    const findings = all.filter((f) => !silenced.has(f.ruleId));
    // One card per story: a folded finding shows inside the card of the finding it restates.
    const primaries = findings.filter((f) => f.foldedInto === undefined || !findings.some((p) => p.foldedInto === undefined && p.ruleId === f.foldedInto));
    const reqHl = highlightsOf(findings, 'request');
    const resHl = highlightsOf(findings, 'response');
    return html`
      <ds-precondition-banner .conditions=${this.banner}></ds-precondition-banner>
      <h3>${row.method} ${relativeTarget(row.target, row.upstream)}</h3>
      <div class="actions">
        <button class="edit-resend" ?disabled=${!ex} @click=${() => emit(this, 'edit-request', { id: row.id })}>Edit and resend</button>
        ${row.source === 'resent' && row.basedOn !== undefined
          ? html`<button class="compare" @click=${() => emit(this, 'compare-exchange', { id: row.basedOn!, with: row.id })}>Compare with #${row.basedOn}</button>`
          : nothing}
      </div>
      <div><span class="status ${statusClass}">${status}</span> <span class="meta">· ${clock(row.startedAt)} · ${duration(row.duration)} · #${row.seq} · ${row.source}</span></div>
      <ds-exchange-origin .row=${row} .exchange=${ex}></ds-exchange-origin>
      ${ex ? html`<ds-timing-bar .timings=${ex.timings}></ds-timing-bar>` : nothing}
      ${ex?.error ? html`<div class="failed">transport error in the ${ex.error.phase} phase: ${ex.error.code}: ${ex.error.message}</div>` : nothing}
      ${this.loadError ? html`<div class="failed">${this.loadError}</div>` : nothing}
      ${!ex && !this.loadError ? html`<div class="meta">loading…</div>` : nothing}
      ${ex
        ? html`
            <nav class="jump">
              ${(['findings', 'request', 'response'] as const).map(
                (part) => html`<a href="#" class="jump-${part}" @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector(`section.${part}`)?.scrollIntoView({ block: 'start' }))}
                  >${part === 'findings' ? `Findings (${primaries.length})` : part === 'request' ? 'Request' : 'Response'}</a
                >`,
              )}
            </nav>
            <section class="findings">
              <h4>Findings (${primaries.length})</h4>
              ${findings.length === 0 ? html`<div class="meta">${row.state === 'analysed' ? 'No findings: the rules found nothing to say.' : 'The rules have not run yet.'}</div>` : nothing}
              ${primaries.map(
                (f) => html`<ds-finding-card .finding=${f} .folded=${foldedUnder(f, primaries, findings)} .repeats=${repeatsOf(this.occurrences?.(f.ruleId), row)} .explainedAbove=${this.banner.length > 0 && f.ruleId === 'webdav/precondition-error'}></ds-finding-card>`,
              )}
              ${all.length > findings.length ? html`<div class="silenced">${all.length - findings.length} finding(s) of silenced rules hidden</div>` : nothing}
            </section>
            <section class="request">
              <h4>Request <button class="copy-curl" @click=${() => this.copyCurl()}>copy as curl</button>${holdsCredentials(ex.request.headers)
                ? html` <button class="copy-curl-secret" title="the command will hold the password or token" @click=${() => this.copyCurl(true)}>copy with credentials</button>`
                : nothing}</h4>
              ${this.curl !== undefined ? html`<pre class="curl">${this.curl}</pre>` : nothing}
              <div class="meta">${ex.request.method} ${ex.request.target} HTTP/${ex.request.httpVersion}</div>
              <ds-headers-table heading="Request headers" .headers=${ex.request.headers} .highlight=${reqHl.headers}></ds-headers-table>
              <h4>Request body</h4>
              <ds-body-view class="request-body" .body=${ex.request.body} .headers=${ex.request.headers} .highlightXml=${reqHl.xml} .highlightIcal=${reqHl.ical}></ds-body-view>
            </section>
            <section class="response">
              <h4>Response</h4>
              ${ex.response
                ? html`<div class="meta">HTTP/${ex.response.httpVersion} ${ex.response.status} ${ex.response.statusText}</div>
                    <ds-headers-table heading="Response headers" .headers=${ex.response.headers} .highlight=${resHl.headers}></ds-headers-table>
                    <h4>Response body</h4>
                    <ds-body-view class="response-body" .body=${ex.response.body} .headers=${ex.response.headers} .highlightXml=${resHl.xml} .highlightIcal=${resHl.ical}></ds-body-view>`
                : html`<div class="meta">no response</div>`}
            </section>
          `
        : nothing}
    `;
  }
}
customElements.define('ds-exchange-detail', DsExchangeDetail);
