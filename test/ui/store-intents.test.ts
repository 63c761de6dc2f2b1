// The store's intent methods and typed events: each intent changes what it says and tells the
// listeners; lists handed out earlier stay as they were; the detail loader fetches the selected
// live exchange through an API client (a fake here) instead of the app shell.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ExchangeRow, type RowState, type ServerMessage } from '../../rules/model/protocol.ts';
import type { WireExchange } from '../../rules/model/wire.ts';
import { InspectorStore, type StoreEvents } from '../../ui/store/inspector-store.ts';
import { apiClient, loadSelectedDetails, type ApiClient } from '../../ui/store/api-client.ts';

function row(seq: number, state: RowState = 'analysed', method = 'PROPFIND'): ExchangeRow {
  return {
    id: String(seq), seq, source: 'live', method, target: `/r/${seq}`, startedAt: seq,
    findings: { error: 0, warning: 0, info: 0 }, state, upstream: 'u', ruleIds: [], ruleFindings: {}, headerText: '',
  };
}

function wire(seq: number, body = ''): WireExchange {
  return {
    id: String(seq), seq, source: 'live', upstream: 'u', timings: { startedAt: 0 }, findings: [],
    request: { method: 'PROPFIND', target: `/r/${seq}`, httpVersion: '1.1', headers: [], body: { kind: 'captured', size: body.length, truncated: false, encoding: 'utf8', data: body } },
  };
}

const snapshot = (rows: ExchangeRow[]): ServerMessage => ({ type: 'snapshot', protocol: PROTOCOL_VERSION, n: 0, rows, info: { upstream: 'u', proxyUrl: 'p', keep: 0, version: '0' } });

/** Records every event of the store, in order, with its detail. */
function record(s: InspectorStore) {
  const seen: string[] = [];
  const names: (keyof StoreEvents)[] = ['rows', 'selection', 'status', 'notices', 'detail', 'change'];
  for (const name of names) s.on(name, () => seen.push(name));
  return seen;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('intent methods', () => {
  it('select and move change the selection and say so; rows hand out new lists, old ones unchanged', () => {
    const s = new InspectorStore();
    s.apply(snapshot([row(1), row(2)]));
    const seen = record(s);
    const ids: (string | undefined)[] = [];
    s.on('selection', ({ id }) => ids.push(id));
    s.select('2');
    expect(s.selected?.seq).toBe(2);
    s.move(-1);
    expect(s.selectedId).toBe('1');
    expect(ids).toEqual(['2', '1']);
    expect(seen).toEqual(['selection', 'change', 'selection', 'change']);

    const before = s.visible;
    s.apply({ type: 'batch', deltas: [{ n: 1, type: 'analysed', row: row(3) }] });
    expect(s.visible).not.toBe(before);
    expect(before.map((r) => r.id)).toEqual(['1', '2']);
    expect(s.visible.map((r) => r.id)).toEqual(['1', '2', '3']);
  });

  it('the selected row follows its replacement (started, then analysed)', () => {
    const s = new InspectorStore();
    s.apply(snapshot([row(1, 'started')]));
    s.select('1');
    s.apply({ type: 'batch', deltas: [{ n: 1, type: 'analysed', row: row(1) }] });
    expect(s.selected?.state).toBe('analysed');
  });

  it('setFilter, resetFilter, pause, resume and silence each emit rows with the list now shown', () => {
    const s = new InspectorStore();
    s.apply(snapshot([row(1, 'analysed', 'PUT'), row(2)]));
    const shown: string[][] = [];
    s.on('rows', ({ visible }) => shown.push(visible.map((r) => r.id)));
    s.setFilter({ method: 'PUT' });
    s.resetFilter();
    s.pause();
    expect(s.paused).toBe(true);
    s.apply({ type: 'batch', deltas: [{ n: 1, type: 'analysed', row: row(3) }] });
    expect(s.heldBack).toBe(1);
    s.resume();
    const silencedBefore = s.silenced;
    s.silence('a/b', true);
    expect(silencedBefore.has('a/b')).toBe(false);
    expect(s.silenced.has('a/b')).toBe(true);
    expect(shown).toEqual([['1'], ['1', '2'], ['1', '2'], ['1', '2'], ['1', '2', '3'], ['1', '2', '3']]);
  });

  it('setConnection reports the status once per change and voids the numbering when not live', () => {
    const s = new InspectorStore();
    s.apply(snapshot([]));
    const statuses: string[] = [];
    s.on('status', ({ status }) => statuses.push(status));
    s.setConnection('live');
    s.setConnection('live');
    expect(s.n).toBe(0);
    s.setConnection('offline');
    expect(statuses).toEqual(['live', 'offline']);
    expect(s.n).toBeUndefined();
  });

  it('a new notice is an event; the same text again is not', () => {
    const s = new InspectorStore();
    const seen: number[] = [];
    s.on('notices', ({ notices }) => seen.push(notices.length));
    s.apply({ type: 'notice', notice: { level: 'warning', text: 'recording stopped' } });
    s.apply({ type: 'notice', notice: { level: 'warning', text: 'recording stopped' } });
    expect(seen).toEqual([1]);
    expect(s.notices[0]?.text).toBe('recording stopped');
  });

  it('openFile, showLive and clear switch what is shown and drop the selection', () => {
    const s = new InspectorStore();
    s.apply(snapshot([row(1)]));
    s.select('1');
    s.openFile({ name: 'f.har', format: 'har', warnings: [] }, [row(7)], [wire(7)]);
    expect(s.view).toBe('file');
    expect(s.selectedId).toBeUndefined();
    expect(s.detail('7')?.id).toBe('7');
    s.showLive();
    expect(s.visible.map((r) => r.id)).toEqual(['1']);
    expect(s.clear()).toEqual({ type: 'clear' });
  });

  it('setDetail adds the bodies to the search; setDetailError shows only while that row is selected', () => {
    const s = new InspectorStore();
    s.apply(snapshot([row(1), row(2)]));
    s.setFilter({ text: 'needle' });
    expect(s.visible.length).toBe(0);
    s.setDetail(wire(2, 'a needle in the body'));
    expect(s.visible.map((r) => r.id)).toEqual(['2']);
    s.select('1');
    s.setDetailError('1', 'gone');
    expect(s.detailError).toBe('gone');
    s.select('2');
    expect(s.detailError).toBeUndefined();
  });
});

describe('loading the selected exchange', () => {
  it('fetches an analysed live row once selected, and records a failure as the detail error', async () => {
    const s = new InspectorStore();
    s.apply(snapshot([row(1, 'started'), row(2)]));
    const asked: string[] = [];
    const api: ApiClient = {
      exchange: (id) => {
        asked.push(id);
        return id === '2' ? Promise.resolve(wire(2, 'body')) : Promise.reject(new Error('no such exchange'));
      },
    };
    const stop = loadSelectedDetails(s, api);
    s.select('1');
    expect(asked).toEqual([]); // not analysed yet: the proxy does not hold it complete
    s.apply({ type: 'batch', deltas: [{ n: 1, type: 'analysed', row: row(1) }] });
    expect(asked).toEqual(['1']);
    await flush();
    expect(s.detailError).toBe('Could not load exchange #1: no such exchange');
    s.select('2');
    await flush();
    expect(s.detail('2')?.id).toBe('2');
    s.select('1');
    s.select('2');
    expect(asked).toEqual(['1', '2', '1']); // '2' is loaded: not fetched again
    stop();
  });

  it('the API client reads /api/exchanges/:id and turns an error answer into its reason', async () => {
    const urls: string[] = [];
    const fake = (async (url: string) => {
      urls.push(url);
      return url.endsWith('/a%2Fb') ? new Response(JSON.stringify({ error: 'not found' }), { status: 404 }) : new Response(JSON.stringify(wire(3)));
    }) as typeof fetch;
    const api = apiClient('http://x', fake);
    expect((await api.exchange('3')).seq).toBe(3);
    await expect(api.exchange('a/b')).rejects.toThrow('not found');
    expect(urls).toEqual(['http://x/api/exchanges/3', 'http://x/api/exchanges/a%2Fb']);
  });
});
