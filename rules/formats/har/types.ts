// The HAR 1.2 shapes davscope writes (http://www.softwareishard.com/blog/har-12-spec/), plus the
// custom `_davscope` field (custom fields start with "_", spec "Custom Fields").
import type { FaultNote, Finding, InterceptNote, InterceptResponseNote, ReplayCandidateNote, Source, Timings, TransportError } from '../../model/exchange.ts';
import type { WireBody } from '../../model/wire.ts';

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarCookie extends HarNameValue {
  path?: string;
  domain?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  /** Not in HAR 1.2 (it is in the 1.3 draft and mirrors content.encoding): how `text` holds a binary body. */
  encoding?: 'base64';
  params?: HarNameValue[];
  comment?: string;
}

export interface HarContent {
  size: number;
  compression?: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  comment?: string;
  /** Chrome's and mitmproxy's way to say why there is no response (status 0). */
  _error?: string;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
  comment?: string;
}

/** What HAR cannot hold, so a davscope-written HAR re-imports without loss. */
export interface HarDavscopeFields {
  id: string;
  seq: number;
  source: Source;
  upstream: string;
  /** The request-target exactly as sent (HAR's url is absolute and drops the #fragment). */
  target: string;
  timings: Timings;
  findings: readonly Finding[];
  error?: TransportError;
  basedOn?: string;
  /** The client reached davscope over TLS. */
  clientTls?: true;
  intercept?: InterceptNote;
  interceptResponse?: InterceptResponseNote;
  replayMiss?: readonly ReplayCandidateNote[];
  fault?: FaultNote;
  /** A body whose raw bytes HAR cannot carry (content-encoded, truncated, unavailable). */
  requestBody?: WireBody;
  responseBody?: WireBody;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  _davscope?: HarDavscopeFields;
}

export interface HarCreator {
  name: string;
  version: string;
  comment?: string;
}

/** The creator name davscope writes; only files with it have their `_davscope` fields trusted. */
export const DAVSCOPE_CREATOR = 'davscope';
