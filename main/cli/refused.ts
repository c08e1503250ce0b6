/** A contract call the core refused, carrying the contract's error as it came (apart from api.ts so that printing it loads no core). */
import type { ContractError } from '../contract/result';

export class CallRefused extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}
