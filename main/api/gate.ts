/**
 * The one place a call's role is enforced (main/contract/roles.ts declares them). Every transport
 * hands the core the credential the caller presented (`Sportello-Auth` header, the WebSocket
 * message's `auth`, the IPC envelope's `auth`), or none; the gate turns it into a Principal and
 * admits the call or refuses it:
 * - TECHNICIAN_LOCKED when a technician call has no current technician token (the technician
 *   screens go back to the PIN);
 * - PIN_CHANGE_REQUIRED for a technician unlocked with the default PIN on a configured terminal,
 *   for everything but changing it;
 * - ROLE_REQUIRED (details.call, details.roles) for the rest.
 * Handlers get the Principal to journal who acted and for rules that depend on the data (another
 * operator's shift, a cash difference, a second duplicate: SUPERVISOR_REQUIRED).
 */
import type { CallName } from '../contract/calls';
import { CALL_ROLES } from '../contract/roles';
import type { Role } from '../contract/roles';
import type { TechnicianAccess } from '../services/access/technician';
import { PinChangeRequired, RoleRequired, TechnicianLocked } from '../services/access/errors';
import { ANONYMOUS, ROLE_SETS } from '../services/access/principal';
import type { Principal } from '../services/access/principal';
import type { OperatorAccounts } from '../services/access/operators';

/** What a principal with only the default-PIN technician token may still do. */
const PIN_CHANGE_CALLS: ReadonlySet<CallName> = new Set([
  'technician.changePin',
  'technician.lock',
  'technician.pinStatus',
  'technician.unlock',
]);

export class Gate {
  constructor(
    private readonly technician: TechnicianAccess,
    private readonly operators: OperatorAccounts,
  ) {}

  /**
   * The principal behind a credential: an unknown or expired one is anonymous (the call then says
   * what it needs). A call extends the token; `extend: false` only looks (pushed events).
   */
  resolve(credential: string | null | undefined, opts: { extend?: boolean } = {}): Principal {
    if (typeof credential !== 'string' || credential.length === 0 || credential.length > 128) return ANONYMOUS;
    const extend = opts.extend ?? true;
    const t = this.technician.session(credential, extend);
    if (t) return { kind: 'technician', roles: ROLE_SETS.technician, operatorId: null, credential, mustChangePin: t.mustChangePin };
    const o = this.operators.session(credential, extend);
    if (o) return { kind: 'operator', roles: ROLE_SETS[o.role], operatorId: o.operatorId, credential, mustChangePin: false };
    return { ...ANONYMOUS, credential };
  }

  /** Throws the refusal, or returns nothing when the principal may make the call. */
  admit(name: CallName, who: Principal): void {
    const needed: readonly Role[] = CALL_ROLES[name];
    if (who.mustChangePin && !PIN_CHANGE_CALLS.has(name)) throw new PinChangeRequired();
    if (needed.some((r) => who.roles.has(r))) return;
    if (needed.length === 1 && needed[0] === 'technician') throw new TechnicianLocked();
    throw new RoleRequired(name, needed);
  }
}
