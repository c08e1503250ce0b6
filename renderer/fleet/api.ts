// The dashboard's calls to the back office (same origin, the session cookie sent by the browser).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!r.ok) throw new ApiError(r.status, body.error?.code ?? 'HTTP', body.error?.message ?? `HTTP ${r.status}`);
  return body as T;
}

export const getJson = async <T>(path: string): Promise<T> => parse<T>(await fetch(path, { credentials: 'same-origin' }));

export const postJson = async <T>(path: string, body: unknown): Promise<T> =>
  parse<T>(
    await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
