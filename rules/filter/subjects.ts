// What the filter language reads, made from what each place has: a full exchange (lint, the
// store), a request head (intercept), a list row with its detail when loaded (the page). Bodies and
// XML are read only when a term asks, once. Pure.
import { partiesOf, primaryFindings, type Body, type Exchange, type HeaderList } from '../model/exchange.ts';
import { decodeUtf8Lenient, inspectableBytes } from '../model/body.ts';
import type { ExchangeRow } from '../model/protocol.ts';
import { bodyFromWire, type WireExchange } from '../model/wire.ts';
import { parseXml } from '../parse/xml/scan.ts';
import { walk } from '../parse/xml/query.ts';
import type { FilterSubject } from './language.ts';

export function subjectOfExchange(ex: Exchange): FilterSubject {
  const req = once(() => textOf(ex.request.body));
  const res = once(() => (ex.response ? textOf(ex.response.body) : undefined));
  const reqXml = once(() => elementsOf(req()));
  const resXml = once(() => elementsOf(res()));
  return {
    method: ex.request.method,
    target: ex.request.target,
    ...(ex.response ? { status: ex.response.status } : {}),
    failed: ex.error !== undefined,
    source: ex.source,
    requestHeaders: ex.request.headers,
    ...(ex.response ? { responseHeaders: ex.response.headers } : {}),
    // As the list's rows: rule:, severity: and has:findings judge the primary findings.
    findings: primaryFindings(ex.findings),
    parties: partiesOf(ex.findings),
    requestBody: req,
    responseBody: res,
    xmlElements: (side) => (side === 'request' ? reqXml() : resXml()),
  };
}

/** A request that has only arrived: response, status and findings terms are false. */
export function subjectOfRequestHead(head: { method: string; target: string; headers: HeaderList; body?: string }): FilterSubject {
  const xml = once(() => elementsOf(head.body));
  return { method: head.method, target: head.target, requestHeaders: head.headers, requestBody: () => head.body, responseBody: () => undefined, xmlElements: (side) => (side === 'request' ? xml() : undefined) };
}

/** A list row; with its full exchange loaded, bodies and each side's headers too. */
export function subjectOfRow(row: ExchangeRow, detail?: WireExchange): FilterSubject {
  if (detail) {
    const ex = { ...detail, request: { ...detail.request, body: bodyFromWire(detail.request.body) }, ...(detail.response ? { response: { ...detail.response, body: bodyFromWire(detail.response.body) } } : {}) } as Exchange;
    return { ...subjectOfExchange(ex), findings: rowFindings(row), parties: row.parties ?? [] };
  }
  return new RowSubject(row);
}

/** A row as a filter subject; the header lines and findings are split only when a term asks, since
 *  the list judges tens of thousands of rows per keystroke and most filters decide on method, path
 *  or status first. */
class RowSubject implements FilterSubject {
  #headers: [string, string][] | undefined;
  #findings: ReturnType<typeof rowFindings> | undefined;
  readonly method: string;
  readonly target: string;
  readonly status: number | undefined;
  readonly failed: boolean;
  readonly source: string;
  readonly parties: readonly string[];
  constructor(private readonly row: ExchangeRow) {
    this.method = row.method;
    this.target = row.target;
    this.status = row.status;
    this.failed = row.error !== undefined;
    this.source = row.source;
    this.parties = row.parties ?? [];
  }
  // Without the detail the row's header lines are both sides at once.
  get requestHeaders(): [string, string][] {
    return (this.#headers ??= this.row.headerText.split('\n').flatMap((line): [string, string][] => {
      const colon = line.indexOf(':');
      return colon > 0 ? [[line.slice(0, colon), line.slice(colon + 1).trim()]] : [];
    }));
  }
  get responseHeaders(): [string, string][] {
    return this.requestHeaders;
  }
  get findings(): ReturnType<typeof rowFindings> {
    return (this.#findings ??= rowFindings(this.row));
  }
}

/** The row's findings as rule and severity (the row carries counts, the language asks for kinds). */
function rowFindings(row: ExchangeRow): { ruleId: string; severity: 'error' | 'warning' | 'info' }[] {
  return Object.entries(row.ruleFindings).flatMap(([ruleId, c]) => (['error', 'warning', 'info'] as const).filter((s) => (c[s] ?? 0) > 0).map((severity) => ({ ruleId, severity })));
}

function textOf(body: Body): string | undefined {
  const bytes = inspectableBytes(body);
  return bytes ? decodeUtf8Lenient(bytes) : undefined;
}

function elementsOf(text: string | undefined): ReadonlySet<string> | undefined {
  if (!text || !text.trimStart().startsWith('<')) return undefined;
  const parsed = parseXml(text);
  if (!parsed.ok) return undefined;
  const names = new Set<string>();
  walk(parsed.doc.root, (el) => void names.add(el.name));
  return names;
}

function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}
