/**
 * Short-lived bearer tokens handed out by a PIN check: random, kept in memory only (a restart signs
 * everyone out), each extended by its use until it has been idle for `idleMs`.
 */
import { randomBytes } from 'node:crypto';

export class TokenStore<T> {
  private readonly tokens = new Map<string, { value: T; expiresAtMs: number }>();

  constructor(
    private readonly now: () => number,
    readonly idleMs: number,
  ) {}

  issue(value: T): { auth: string; expiresAtMs: number } {
    const auth = randomBytes(24).toString('base64url');
    const expiresAtMs = this.now() + this.idleMs;
    this.tokens.set(auth, { value, expiresAtMs });
    return { auth, expiresAtMs };
  }

  /** The token's value if it is current (and extends it), else null. */
  use(auth: string): T | null {
    const t = this.tokens.get(auth);
    const now = this.now();
    if (!t || t.expiresAtMs <= now) {
      this.tokens.delete(auth);
      return null;
    }
    t.expiresAtMs = now + this.idleMs;
    return t.value;
  }

  /**
   * The token's value if it is current, without extending it: deciding who receives a pushed event
   * must not keep an idle screen signed in.
   */
  peek(auth: string): T | null {
    const t = this.tokens.get(auth);
    return t && t.expiresAtMs > this.now() ? t.value : null;
  }

  revoke(auth: string): void {
    this.tokens.delete(auth);
  }

  /** Ends every token whose value matches, but `keep`. */
  revokeWhere(match: (value: T) => boolean, keep?: string): void {
    for (const [k, t] of [...this.tokens]) if (k !== keep && match(t.value)) this.tokens.delete(k);
  }
}
