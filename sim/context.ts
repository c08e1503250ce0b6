/**
 * What every primitive works with: the state, the simulated clock, the node's configuration and
 * the source of new paymentTokens.
 */
import type { SimClock } from './clock';
import type { SimState } from './state';

/** One channel the node knows: the PSP, its broker (intermediario), the channel and its password. */
export interface PspCredentials {
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  password: string;
}

export interface NodeConfig {
  /** the node's default (and maximum) token validity, ms */
  tokenMs: number;
  /** how long an outcome's idempotency key is honoured, ms */
  idempotencyMs: number;
  psps: readonly PspCredentials[];
}

export interface SimContext {
  state: SimState;
  clock: SimClock;
  config: NodeConfig;
  /** a new paymentToken: 32 lowercase hex characters */
  newToken(): string;
}
