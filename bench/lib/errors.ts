/** Why a benchmark stops: bad flags, or a run whose calls did not do what they were meant to. */
import { SportelloError } from '../../kernel/errors';

export class BenchUsageError extends SportelloError {
  declare readonly code: 'BENCH_USAGE';
  constructor(message: string) {
    super('BENCH_USAGE', message);
  }
}

/** The measured work went wrong (a KO, a failed call): the figures would mean nothing. */
export class BenchCheckFailed extends SportelloError {
  declare readonly code: 'BENCH_CHECK_FAILED';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('BENCH_CHECK_FAILED', message, { details });
  }
}
