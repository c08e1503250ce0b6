/** The kiosk's search over the services it offers (a handful, already in hand): no call per key. Pure. */
import type { ServiceEntry } from './steps';

/** Up to this many services are buttons alone; more get a search on the on-screen keyboard. */
export const SERVICES_WITHOUT_SEARCH = 6;

/** Every typed word starts a word of the service's description, creditor or category. */
export function matchesWords(entry: ServiceEntry, words: string): boolean {
  const wanted = words.toLowerCase().split(/\s+/).filter(Boolean);
  const have = [entry.descrizioneServizio, entry.denominazioneEnteCreditore, entry.categoria ?? '']
    .join(' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}
