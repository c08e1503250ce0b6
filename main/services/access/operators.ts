/**
 * Operator accounts: who may work the counter. Each has an id (the operator code written on every
 * session, tender, shift and journal entry), a name, a role (`operator`, or `supervisor`: closes
 * another's shift, approves cash differences and reprints beyond the first duplicate) and a PIN,
 * stored as a scrypt hash and locked out after repeated failures exactly like the technician's.
 * Accounts live in the settings table (`operators.accounts`); a technician or a supervisor manages
 * them (a supervisor cannot make or change supervisors). Signing in hands out a token the gate
 * turns into the operator's roles.
 *
 * Demo mode only: an unknown operator code signs in with DEMO_OPERATOR_PIN (the account is made on
 * the spot, role operator), and DEMO_SUPERVISOR signs in with DEMO_SUPERVISOR_PIN; the sign-in
 * screen says so. A configured terminal has only the accounts a technician made.
 */
import type { Json } from '../../../db';
import { SportelloError } from '../../../kernel/errors';
import { PinLock } from './pin-lock';
import type { LockDb } from './pin-lock';
import { TokenStore } from './tokens';
import { PinInvalid } from './errors';
import { hashPin, isStoredPin, PIN_RULE } from './pin';
import type { StoredPin } from './pin';

export const OPERATOR_IDLE_MS = 2 * 60 * 60_000;
export const OPERATOR_ID_RULE = /^[A-Za-z0-9._-]{1,64}$/;
export const DEMO_OPERATOR_PIN = '1111';
export const DEMO_SUPERVISOR = 'supervisor';
export const DEMO_SUPERVISOR_PIN = '9999';

const ACCOUNTS_KEY = 'operators.accounts';
const lockKey = (id: string) => `operators.pinLock.${id}`;

export type OperatorRole = 'operator' | 'supervisor';

interface StoredAccount {
  id: string;
  name: string;
  role: OperatorRole;
  disabled: boolean;
  pin: StoredPin;
}

export interface OperatorView {
  id: string;
  name: string;
  role: OperatorRole;
  disabled: boolean;
  locked: boolean;
  lockedUntilMs: number | null;
}

export interface OperatorSession {
  operatorId: string;
  role: OperatorRole;
}

export class OperatorUnknown extends SportelloError {
  declare readonly code: 'OPERATOR_NOT_FOUND';
  constructor(id: string) {
    super('OPERATOR_NOT_FOUND', `no operator account ${JSON.stringify(id.slice(0, 64))}`, { details: { operatorId: id.slice(0, 64) } });
  }
}

export class OperatorDisabled extends SportelloError {
  declare readonly code: 'OPERATOR_DISABLED';
  constructor(id: string) {
    super('OPERATOR_DISABLED', `operator ${id} is disabled: a supervisor or technician can enable the account`, {
      details: { operatorId: id },
    });
  }
}

/** A supervisor tried to make or change a supervisor account: only a technician may. */
export class OperatorRoleForbidden extends SportelloError {
  declare readonly code: 'OPERATOR_ROLE_FORBIDDEN';
  constructor(id: string) {
    super('OPERATOR_ROLE_FORBIDDEN', `only a technician makes or changes supervisor accounts (${id})`, { details: { operatorId: id } });
  }
}

export interface OperatorEdit {
  id: string;
  name: string;
  role: OperatorRole;
  /** Required for a new account; absent keeps the current PIN. */
  pin?: string | undefined;
  disabled?: boolean | undefined;
}

export class OperatorAccounts {
  private readonly tokens: TokenStore<OperatorSession>;
  private readonly pins: PinLock;
  /** A hash to check a wrong name against, so an unknown name costs the same time as a wrong PIN. */
  private dummy: Promise<StoredPin> | null = null;

  constructor(
    private readonly db: LockDb,
    private readonly now: () => number,
    private readonly demo: boolean,
  ) {
    this.tokens = new TokenStore(now, OPERATOR_IDLE_MS);
    this.pins = new PinLock(db, now);
  }

  list(): OperatorView[] {
    return Object.values(this.accounts())
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((a) => this.view(a));
  }

  get(id: string): OperatorView | null {
    const a = this.accounts()[id];
    return a ? this.view(a) : null;
  }

  /** Creates or changes an account. `bySupervisor`: may not touch supervisor accounts. */
  async save(edit: OperatorEdit, by: { kind: 'supervisor' | 'technician'; actor: string }): Promise<OperatorView> {
    if (!OPERATOR_ID_RULE.test(edit.id)) throw new PinInvalid('operator code must be 1-64 letters, digits, dot, dash or underscore');
    const current = this.accounts()[edit.id];
    if (by.kind === 'supervisor' && (edit.role === 'supervisor' || current?.role === 'supervisor'))
      throw new OperatorRoleForbidden(edit.id);
    if (edit.pin !== undefined && !PIN_RULE.test(edit.pin)) throw new PinInvalid('must be 4 to 12 digits');
    if (!current && edit.pin === undefined) throw new PinInvalid('is required for a new account');
    const pin = edit.pin !== undefined ? await hashPin(edit.pin) : current!.pin;
    const next: StoredAccount = {
      id: edit.id,
      name: edit.name,
      role: edit.role,
      disabled: edit.disabled ?? current?.disabled ?? false,
      pin,
    };
    this.db.transaction(() => {
      this.db.settings.set(ACCOUNTS_KEY, { ...this.accounts(), [edit.id]: next } as unknown as Json);
      // A new PIN also ends the lock-out; the journal names what changed, never the PIN.
      if (edit.pin !== undefined) this.db.settings.remove(lockKey(edit.id));
      this.db.journal.append(current ? 'operator-changed' : 'operator-created', {
        operatorId: edit.id,
        role: edit.role,
        disabled: next.disabled,
        pinChanged: edit.pin !== undefined,
        by: by.kind,
        actor: by.actor,
      });
    });
    // A disabled account, a new PIN or a new role: the old sign-ins end.
    if (next.disabled || edit.pin !== undefined || current?.role !== next.role) this.tokens.revokeWhere((s) => s.operatorId === edit.id);
    return this.view(next);
  }

  /** PIN_WRONG / PIN_LOCKED like the technician's; OPERATOR_DISABLED for a disabled account. */
  async login(operatorId: string, pin: string): Promise<{ auth: string; expiresAtMs: number; operator: OperatorView }> {
    await this.demoAccount(operatorId, pin);
    const account = () => this.accounts()[operatorId];
    let role: OperatorRole = 'operator';
    await this.pins.verify(
      lockKey(operatorId.slice(0, 64)),
      pin,
      async () => {
        const a = account();
        if (a && !a.disabled) {
          role = a.role;
          return a.pin;
        }
        await this.dummyPin();
        return null;
      },
      { prefix: 'operator', payload: { operatorId: operatorId.slice(0, 64) } },
      () => {
        this.db.journal.append('operator-signed-in', { operatorId, role });
      },
    );
    const a = account()!;
    if (a.disabled) throw new OperatorDisabled(operatorId);
    return { ...this.tokens.issue({ operatorId, role: a.role }), operator: this.view(a) };
  }

  logout(auth: string): void {
    const s = this.tokens.use(auth);
    this.tokens.revoke(auth);
    if (s) this.db.journal.append('operator-signed-out', { operatorId: s.operatorId });
  }

  session(auth: string, extend = true): OperatorSession | null {
    const s = extend ? this.tokens.use(auth) : this.tokens.peek(auth);
    if (!s) return null;
    // A disabled account is out at once, whatever its tokens.
    const a = this.accounts()[s.operatorId];
    return a && !a.disabled ? s : null;
  }

  /** Demo mode: any valid code with the demo PIN becomes an operator; the demo supervisor exists. */
  private async demoAccount(id: string, pin: string): Promise<void> {
    if (!this.demo || this.accounts()[id] || !OPERATOR_ID_RULE.test(id)) return;
    if (id === DEMO_SUPERVISOR && pin === DEMO_SUPERVISOR_PIN) {
      await this.save({ id, name: 'Demo supervisor', role: 'supervisor', pin }, { kind: 'technician', actor: 'demo' });
    } else if (id !== DEMO_SUPERVISOR && pin === DEMO_OPERATOR_PIN) {
      await this.save({ id, name: id, role: 'operator', pin }, { kind: 'technician', actor: 'demo' });
    }
  }

  private accounts(): Record<string, StoredAccount> {
    const raw = this.db.settings.get(ACCOUNTS_KEY);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const out: Record<string, StoredAccount> = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const a = v as Partial<StoredAccount>;
      if (a && typeof a.id === 'string' && (a.role === 'operator' || a.role === 'supervisor') && isStoredPin(a.pin)) {
        out[k] = { id: a.id, name: typeof a.name === 'string' ? a.name : a.id, role: a.role, disabled: a.disabled === true, pin: a.pin };
      }
    }
    return out;
  }

  private view(a: StoredAccount): OperatorView {
    const lock = this.pins.state(lockKey(a.id));
    return {
      id: a.id,
      name: a.name,
      role: a.role,
      disabled: a.disabled,
      locked: lock.lockedUntilMs !== null,
      lockedUntilMs: lock.lockedUntilMs,
    };
  }

  private dummyPin(): Promise<StoredPin> {
    this.dummy ??= hashPin('0000');
    return this.dummy;
  }
}
