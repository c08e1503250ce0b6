/**
 * What the page was opened with. The shell puts it in the URL fragment, which a browser never
 * sends to a server: `#token=<server token>&mode=counter|kiosk|technician`. A query `?mode=` is
 * read too (a shell that cannot set a fragment). No mode: the terminal's configured kind decides.
 */
export type AppMode = 'counter' | 'kiosk' | 'technician';
export const APP_MODES: readonly AppMode[] = ['counter', 'kiosk', 'technician'];

export interface Launch {
  token: string | null;
  mode: AppMode | null;
}

export function isAppMode(value: unknown): value is AppMode {
  return typeof value === 'string' && (APP_MODES as readonly string[]).includes(value);
}

/** Pure: reads `hash` and `search` as the Location gives them. */
export function readLaunch(loc: { hash: string; search: string }): Launch {
  const fragment = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const query = new URLSearchParams(loc.search);
  const mode = fragment.get('mode') ?? query.get('mode');
  const token = fragment.get('token');
  return { token: token && /^[A-Za-z0-9_-]{1,256}$/.test(token) ? token : null, mode: isAppMode(mode) ? mode : null };
}
