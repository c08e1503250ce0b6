/**
 * The base of every typed error in sportello. Modules throw subclasses with a literal `code`
 * and say whether trying again can help; boundaries (contract, CLI) turn them into
 * `{ code, message }` results. `details` carries what a technician needs and is never
 * allowed to hold secrets.
 */
export class SportelloError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, opts: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.details = Object.freeze({ ...(opts.details ?? {}) });
  }

  toJSON(): { code: string; message: string; retryable: boolean; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, retryable: this.retryable, details: { ...this.details } };
  }
}

/** For exhaustive switches over discriminated unions: the compiler proves this is unreachable. */
export function missingCase(value: never): never {
  throw new SportelloError('INTERNAL_MISSING_CASE', `unhandled case: ${JSON.stringify(value)}`);
}
