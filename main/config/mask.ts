/**
 * Secrets that hide outside the secret fields: an endpoint can carry a subscription key in its
 * query string (`?subscription-key=…`) or a password in its user info, and either would be printed
 * by anything that shows the endpoint. Everything that prints, exports or logs an endpoint or a
 * header goes through these.
 */

/** What stands for a masked query value or user info: the same everywhere, so tests can look for it. */
export const URL_MASK = '***';

/** Headers whose value is a credential (lower case). */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'ocp-apim-subscription-key',
  'x-api-key',
  'sportello-auth',
]);

/** The URL with user info and every query value masked; text that is not a URL is masked whole when it looks like one. */
export function maskUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    // Not parseable: mask whatever follows a '?' and an '@' rather than print it.
    return text.replace(/\/\/[^/@]*@/, `//${URL_MASK}@`).replace(/\?.*$/, `?${URL_MASK}`);
  }
  if (u.username) u.username = URL_MASK;
  if (u.password) u.password = URL_MASK;
  for (const k of [...new Set(u.searchParams.keys())]) u.searchParams.set(k, URL_MASK);
  // URLSearchParams encodes '*' as-is; keep the fragment out too (it never reaches a server anyway).
  u.hash = '';
  return u.href;
}

/** The values an endpoint carries that must never be printed: query values and the user-info password (8 characters or more, so short flags such as `v=1` do not mask payment data). */
export function endpointSecrets(text: string): string[] {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return [];
  }
  const values = [...u.searchParams.values(), decodeURIComponent(u.password), decodeURIComponent(u.username)];
  return values.filter((v) => v.length >= 8);
}

/** Headers fit for a log or an export: credentials masked, everything else as is. */
export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) && v !== undefined ? URL_MASK : v;
  return out;
}
