/** The renderer's exhaustive-switch guard (kernel/errors.ts cannot be imported here: only its types may). */
export function missingCase(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
