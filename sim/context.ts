/**
 * What every primitive works with: the state, the simulated clock, the node's configuration and
 * the source of new paymentTokens.
 */
import type { SimClock } from './clock';
import type { SimState } from './state';
import type { CancelJob } from './cancel-job';

/** One channel the node knows: the PSP, its broker (intermediario), the channel and its password. */
export interface PspCredentials {
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  password: string;
  /**
   * The channel may sell @e.bollo (digital revenue stamps): an e-commerce channel. Counters and kiosks
   * are not (the default): the node refuses to activate a notice with a stamp there.
   */
  ecommerce?: boolean;
}

export interface NodeConfig {
  /** the node's default (and maximum) token validity, ms */
  tokenMs: number;
  /**
   * how long an idempotency key is honoured, ms (the node's default_idempotency_key_validity_minutes);
   * an activation's key never outlives its token
   */
  idempotencyMs: number;
  psps: readonly PspCredentials[];
}

export interface SimContext {
  state: SimState;
  clock: SimClock;
  config: NodeConfig;
  /** the node's job that releases expired tokens (mod3CancelV2) */
  cancelJob: CancelJob;
  /** a new paymentToken: 32 lowercase hex characters */
  newToken(): string;
}
