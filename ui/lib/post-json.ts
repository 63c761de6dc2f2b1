// POSTs JSON to the inspector's writable API on the page's own origin (the token's cookie goes along);
// answers the status and the JSON, with the API's error sentence when there is one.

export interface PostResult {
  readonly ok: boolean;
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The API's sentence, or what went wrong on the way. */
  readonly error?: string;
}

export async function postJson(path: string, value: unknown, fetchFn: typeof fetch = (...args) => fetch(...args)): Promise<PostResult> {
  let res: Response;
  try {
    res = await fetchFn(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
  } catch (err) {
    return { ok: false, status: 0, body: {}, error: `davscope did not answer: ${(err as Error).message}` };
  }
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // a plain-text refusal (Host check, token): the status says enough
  }
  const error = typeof body.error === 'string' ? body.error : res.ok ? undefined : `davscope answered ${res.status}`;
  return { ok: res.ok, status: res.status, body, ...(error ? { error } : {}) };
}
