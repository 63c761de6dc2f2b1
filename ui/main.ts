// The inspector page's entry: one store, fed by one WebSocket connection to the davscope that served
// the page and by its API for the full exchanges the user opens.
import { WS_PATH } from '../rules/model/protocol.ts';
import { apiClient, loadSelectedDetails } from './store/api-client.ts';
import { connect } from './store/connection.ts';
import { InspectorStore } from './store/inspector-store.ts';
import './components/ds-app.ts';
import type { DsApp } from './components/ds-app.ts';

const store = new InspectorStore();
const app = document.querySelector('ds-app') as DsApp;
app.store = store;
const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
app.connection = connect(store, `${scheme}//${location.host}${WS_PATH}`, {
  createSocket: (url) => new WebSocket(url),
  onReload: () => location.reload(),
});
loadSelectedDetails(store, apiClient());
