/**
 * The payments the operator moved on from in this window ("Nuovo pagamento" on an outcome still on
 * its way, a cancellation whose KO is still being sent): a reload must not bring them back. Kept in
 * the window's sessionStorage, which survives a reload and a renderer crash but not a new window;
 * where there is none, nothing is remembered and the screen merely offers such a payment again.
 */
const KEY = 'sportello.counter.dismissed';
const KEPT = 50;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function dismissedSessions(): Set<string> {
  try {
    const list: unknown = JSON.parse(storage()?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function dismissSession(id: string): void {
  const list = [...dismissedSessions()].filter((x) => x !== id);
  list.push(id);
  try {
    storage()?.setItem(KEY, JSON.stringify(list.slice(-KEPT)));
  } catch {
    // storage full or refused: a reload may offer this payment again, which the operator can leave
  }
}
