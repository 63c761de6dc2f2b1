// With --tls and davscope's own CA: the CA certificate to download and how each kind of client
// comes to trust it (what mitmproxy's mitm.it page does).
import { LitElement, css, html } from 'lit';

/** How each kind of client comes to trust the CA; `proxyUrl` is where this davscope listens. */
const steps = (proxyUrl: string): readonly (readonly [client: string, how: string])[] => [
  ['curl', `curl --cacert davscope-ca.pem ${proxyUrl}/ … (or put it in CURL_CA_BUNDLE)`],
  ['Python (requests, caldav)', "requests.get(url, verify='davscope-ca.pem'); caldav.DAVClient(url, username=…, password=…, ssl_verify_cert='davscope-ca.pem')"],
  ['Node.js', 'NODE_EXTRA_CA_CERTS=davscope-ca.pem node your-client.js'],
  ['Thunderbird', 'Settings › Privacy & Security › Certificates › Manage Certificates › Authorities › Import…, then tick "Trust this CA to identify websites"'],
  ['Android (DAVx5)', 'copy the file to the device, then Settings › Security › Encryption & credentials › Install a certificate › CA certificate; DAVx5 uses the system store'],
  ['iOS / macOS', 'iOS: open the file, install the profile (Settings › Profile Downloaded), then Settings › General › About › Certificate Trust Settings › enable full trust. macOS: open it in Keychain Access, set "When using this certificate: Always Trust"'],
];

export class DsTlsHelp extends LitElement {
  static properties = { proxyUrl: { attribute: false } };
  /** The proxy's own address, for the examples. */
  declare proxyUrl: string;

  constructor() {
    super();
    this.proxyUrl = 'https://127.0.0.1:8088';
  }

  static styles = css`
    :host { display: block; padding: 10px 14px; border-bottom: 1px solid var(--border, #ddd); font-size: 13px; }
    h3 { margin: 0 0 6px; font-size: 14px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0 0; }
    dt { font-weight: 600; }
    dd { margin: 0; font-family: var(--mono); font-size: 12px; overflow-wrap: anywhere; }
  `;

  render() {
    return html`<h3>HTTPS: clients must trust davscope's CA</h3>
      <div>The proxy port serves a certificate issued by davscope's own certificate authority, made on this machine. Download it and give it to your client:
        <a class="ca-download" href="/api/tls/ca.pem" download="davscope-ca.pem">davscope-ca.pem</a>. Never turn certificate checks off instead.</div>
      <dl>${steps(this.proxyUrl.replace(/\/$/, '')).map(([client, how]) => html`<dt>${client}</dt><dd>${how}</dd>`)}</dl>`;
  }
}
customElements.define('ds-tls-help', DsTlsHelp);
