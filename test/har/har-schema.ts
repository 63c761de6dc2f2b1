// A small validator for HAR 1.2 written from the spec's field tables (required fields, types,
// non-negative send/wait/receive, ISO 8601 dates, custom fields only with a leading "_").
type Obj = Record<string, unknown>;
type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'object|null';
type Shape = Record<string, { kind: Kind; required?: boolean; shape?: string }>;

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

const SHAPES: Record<string, Shape> = {
  har: { log: { kind: 'object', required: true, shape: 'log' } },
  log: {
    version: { kind: 'string', required: true },
    creator: { kind: 'object', required: true, shape: 'creator' },
    browser: { kind: 'object', shape: 'creator' },
    pages: { kind: 'array', shape: 'page' },
    entries: { kind: 'array', required: true, shape: 'entry' },
    comment: { kind: 'string' },
  },
  creator: { name: { kind: 'string', required: true }, version: { kind: 'string', required: true }, comment: { kind: 'string' } },
  page: {
    startedDateTime: { kind: 'string', required: true },
    id: { kind: 'string', required: true },
    title: { kind: 'string', required: true },
    pageTimings: { kind: 'object', required: true },
    comment: { kind: 'string' },
  },
  entry: {
    pageref: { kind: 'string' },
    startedDateTime: { kind: 'string', required: true },
    time: { kind: 'number', required: true },
    request: { kind: 'object', required: true, shape: 'request' },
    response: { kind: 'object', required: true, shape: 'response' },
    cache: { kind: 'object', required: true, shape: 'cache' },
    timings: { kind: 'object', required: true, shape: 'timings' },
    serverIPAddress: { kind: 'string' },
    connection: { kind: 'string' },
    comment: { kind: 'string' },
  },
  request: {
    method: { kind: 'string', required: true },
    url: { kind: 'string', required: true },
    httpVersion: { kind: 'string', required: true },
    cookies: { kind: 'array', required: true, shape: 'cookie' },
    headers: { kind: 'array', required: true, shape: 'nameValue' },
    queryString: { kind: 'array', required: true, shape: 'nameValue' },
    postData: { kind: 'object', shape: 'postData' },
    headersSize: { kind: 'number', required: true },
    bodySize: { kind: 'number', required: true },
    comment: { kind: 'string' },
  },
  response: {
    status: { kind: 'number', required: true },
    statusText: { kind: 'string', required: true },
    httpVersion: { kind: 'string', required: true },
    cookies: { kind: 'array', required: true, shape: 'cookie' },
    headers: { kind: 'array', required: true, shape: 'nameValue' },
    content: { kind: 'object', required: true, shape: 'content' },
    redirectURL: { kind: 'string', required: true },
    headersSize: { kind: 'number', required: true },
    bodySize: { kind: 'number', required: true },
    comment: { kind: 'string' },
  },
  cookie: {
    name: { kind: 'string', required: true },
    value: { kind: 'string', required: true },
    path: { kind: 'string' },
    domain: { kind: 'string' },
    expires: { kind: 'string' },
    httpOnly: { kind: 'boolean' },
    secure: { kind: 'boolean' },
    comment: { kind: 'string' },
  },
  nameValue: { name: { kind: 'string', required: true }, value: { kind: 'string', required: true }, comment: { kind: 'string' } },
  postData: {
    mimeType: { kind: 'string', required: true },
    params: { kind: 'array', shape: 'param' },
    text: { kind: 'string' },
    // Not in 1.2's table: the HAR 1.3 draft's postData.encoding, which davscope writes for binary request bodies.
    encoding: { kind: 'string' },
    comment: { kind: 'string' },
  },
  param: { name: { kind: 'string', required: true }, value: { kind: 'string' }, fileName: { kind: 'string' }, contentType: { kind: 'string' }, comment: { kind: 'string' } },
  content: {
    size: { kind: 'number', required: true },
    compression: { kind: 'number' },
    mimeType: { kind: 'string', required: true },
    text: { kind: 'string' },
    encoding: { kind: 'string' },
    comment: { kind: 'string' },
  },
  cache: { beforeRequest: { kind: 'object|null' }, afterRequest: { kind: 'object|null' }, comment: { kind: 'string' } },
  timings: {
    blocked: { kind: 'number' },
    dns: { kind: 'number' },
    connect: { kind: 'number' },
    send: { kind: 'number', required: true },
    wait: { kind: 'number', required: true },
    receive: { kind: 'number', required: true },
    ssl: { kind: 'number' },
    comment: { kind: 'string' },
  },
};

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function check(value: unknown, shapeName: string, path: string, problems: string[]): void {
  if (kindOf(value) !== 'object') {
    problems.push(`${path} is ${kindOf(value)}, not an object`);
    return;
  }
  const obj = value as Obj;
  const shape = SHAPES[shapeName]!;
  for (const [key, spec] of Object.entries(shape)) {
    const v = obj[key];
    if (v === undefined) {
      if (spec.required) problems.push(`${path}.${key} is required`);
      continue;
    }
    const ok = spec.kind === 'object|null' ? v === null || kindOf(v) === 'object' : kindOf(v) === spec.kind;
    if (!ok) {
      problems.push(`${path}.${key} is ${kindOf(v)}, not ${spec.kind}`);
      continue;
    }
    if (spec.shape && spec.kind === 'array') (v as unknown[]).forEach((item, i) => check(item, spec.shape!, `${path}.${key}[${i}]`, problems));
    else if (spec.shape) check(v, spec.shape, `${path}.${key}`, problems);
  }
  for (const key of Object.keys(obj)) {
    if (!(key in shape) && !key.startsWith('_')) problems.push(`${path}.${key} is not a HAR 1.2 field (custom fields start with "_")`);
  }
  if (shapeName === 'timings') {
    for (const k of ['send', 'wait', 'receive']) if (typeof obj[k] === 'number' && (obj[k] as number) < 0) problems.push(`${path}.${k} must not be negative`);
    for (const k of ['blocked', 'dns', 'connect', 'ssl']) if (typeof obj[k] === 'number' && (obj[k] as number) < 0 && obj[k] !== -1) problems.push(`${path}.${k} is negative but not -1`);
  }
  if (shapeName === 'entry' || shapeName === 'page') {
    if (typeof obj.startedDateTime === 'string' && !ISO_8601.test(obj.startedDateTime)) problems.push(`${path}.startedDateTime is not ISO 8601`);
  }
  if (shapeName === 'entry' && kindOf(obj.timings) === 'object' && typeof obj.time === 'number') {
    const t = obj.timings as Obj;
    const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'].reduce((s, k) => s + (typeof t[k] === 'number' && (t[k] as number) > 0 ? (t[k] as number) : 0), 0);
    if (Math.abs(sum - obj.time) > 1e-6) problems.push(`${path}.time (${obj.time}) is not the sum of its timings (${sum})`);
  }
  if (shapeName === 'request' && typeof obj.url === 'string') {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(obj.url)) problems.push(`${path}.url is not absolute`);
    if (obj.url.includes('#')) problems.push(`${path}.url includes a fragment`);
  }
  if (shapeName === 'log' && obj.version !== '1.2') problems.push(`${path}.version is ${JSON.stringify(obj.version)}, not "1.2"`);
}

/** Every way the document breaks HAR 1.2; empty when it is valid. */
export function validateHar(doc: unknown): string[] {
  const problems: string[] = [];
  check(doc, 'har', 'har', problems);
  return problems;
}
