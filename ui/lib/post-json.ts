// POSTs JSON to the inspector's writable API on the page's own origin (the token's cookie goes along);
// answers the status and the JSON, with the API's error sentence when there is one.

export interface PostResult {
  readonly ok: boolean;
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The API's sentence, or what went wrong on the way. */
  readonly error?: string;
}

export async function postJson(path: string, value: unknown): Promise<PostResult> {
  const sent = await postForAnswer(path, value);
  if ('error' in sent) return { ok: false, status: 0, body: {}, error: sent.error };
  const res = sent.res;
  const body = await jsonBody(res);
  const error = typeof body.error === 'string' ? body.error : res.ok ? undefined : `davscope answered ${res.status}`;
  return { ok: res.ok, status: res.status, body, ...(error ? { error } : {}) };
}

/** The POST's answer as it comes (a streamed one is read by the caller), or why there is none. */
export async function postForAnswer(path: string, value: unknown): Promise<{ res: Response } | { error: string }> {
  try {
    return { res: await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) }) };
  } catch (err) {
    return { error: `davscope did not answer: ${(err as Error).message}` };
  }
}

/** The API's sentence for a refused answer. */
export async function refusal(res: Response): Promise<string> {
  const error = (await jsonBody(res)).error;
  return typeof error === 'string' ? error : `davscope answered ${res.status}`;
}

async function jsonBody(res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return {}; // a plain-text refusal (Host check, token): the status says enough
  }
}
