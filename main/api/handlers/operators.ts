/** Operator sign-in and accounts (main/services/access/operators.ts); the gate already checked the role. */
import { DEMO_OPERATOR_PIN, DEMO_SUPERVISOR, DEMO_SUPERVISOR_PIN } from '../../services/access/operators';
import { ROLES } from '../../contract/roles';
import type { HandlerContext, Handlers } from './types';

type OperatorCalls = Extract<keyof Handlers, `operator.${string}`>;

export function operatorHandlers(ctx: HandlerContext): Handlers<OperatorCalls> {
  const { operators } = ctx;
  const demo = ctx.core.mode === 'demo';
  return {
    'operator.login': (r) => operators.login(r.operatorId, r.pin),
    'operator.logout': (_r, caller) => {
      if (caller.credential) operators.logout(caller.credential);
      return { signedOut: true as const };
    },
    'operator.whoami': (_r, caller) => ({
      kind: caller.kind,
      operatorId: caller.operatorId,
      roles: ROLES.filter((r) => caller.roles.has(r)),
      demo: demo ? { operatorPin: DEMO_OPERATOR_PIN, supervisor: DEMO_SUPERVISOR, supervisorPin: DEMO_SUPERVISOR_PIN } : null,
    }),
    'operator.list': () => ({ operators: operators.list() }),
    'operator.save': (r, caller) => {
      // The local owner and a technician manage every account; a supervisor only operators.
      const by = caller.roles.has('technician') ? 'technician' : 'supervisor';
      return operators.save(r, { kind: by, actor: caller.operatorId ?? caller.kind });
    },
  };
}
