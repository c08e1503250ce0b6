/**
 * Who is calling, as the gate (main/api/gate.ts) admitted them: the services take it to journal who
 * acted and for the rules that depend on the data (another operator's shift, a cash difference, a
 * second duplicate). Roles are the contract's (main/contract/roles.ts).
 */
import type { Role } from '../../contract/roles';

export interface Principal {
  kind: 'anonymous' | 'operator' | 'technician' | 'local';
  roles: ReadonlySet<Role>;
  /** The signed-in operator (operator and supervisor accounts); null otherwise. */
  operatorId: string | null;
  /** The credential presented, for the calls that end it (technician.lock, operator.logout). */
  credential: string | null;
  /** Technician unlocked with the default PIN on a configured terminal. */
  mustChangePin: boolean;
}

export const ANONYMOUS: Principal = Object.freeze({
  kind: 'anonymous',
  roles: new Set<Role>(['kiosk']),
  operatorId: null,
  credential: null,
  mustChangePin: false,
});

/** The in-process API: the terminal's local owner (see roles.ts). */
export const LOCAL: Principal = Object.freeze({
  kind: 'local',
  roles: new Set<Role>(['kiosk', 'operator', 'supervisor', 'technician']),
  operatorId: null,
  credential: null,
  mustChangePin: false,
});

/** What a principal of one role holds (a test walks every call with each). */
export const ROLE_SETS: Readonly<Record<Role, ReadonlySet<Role>>> = {
  kiosk: new Set<Role>(['kiosk']),
  operator: new Set<Role>(['kiosk', 'operator']),
  supervisor: new Set<Role>(['kiosk', 'operator', 'supervisor']),
  technician: new Set<Role>(['kiosk', 'technician']),
};
