/**
 * Operator accounts and sign-in over the contract. Browser-safe (zod). A PIN goes in, never comes
 * out; the sign-in answers a token the caller presents with every call (the transport's `auth`).
 */
import { z } from 'zod';

const operatorIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'operator code: 1-64 letters, digits, dot, dash or underscore');
const operatorRole = z.enum(['operator', 'supervisor']);

export const operatorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: operatorRole,
  disabled: z.boolean(),
  locked: z.boolean(),
  lockedUntilMs: z.number().int().nullable(),
});

export const OPERATOR_CALLS = {
  /** PIN_WRONG (details.attemptsLeft), PIN_LOCKED, OPERATOR_DISABLED; else the token for the counter's calls. */
  'operator.login': {
    request: z.strictObject({ operatorId: operatorIdSchema, pin: z.string().min(1).max(32) }),
    response: z.object({ auth: z.string(), expiresAtMs: z.number().int(), operator: operatorViewSchema }),
  },
  'operator.logout': { request: z.strictObject({}), response: z.object({ signedOut: z.literal(true) }) },
  /** Who the presented credential is; in demo mode, what signs in (the sign-in screen shows it). */
  'operator.whoami': {
    request: z.strictObject({}),
    response: z.object({
      kind: z.enum(['anonymous', 'operator', 'technician', 'local']),
      operatorId: z.string().nullable(),
      roles: z.array(z.enum(['kiosk', 'operator', 'supervisor', 'technician'])),
      demo: z.object({ operatorPin: z.string(), supervisor: z.string(), supervisorPin: z.string() }).nullable(),
    }),
  },
  'operator.list': { request: z.strictObject({}), response: z.object({ operators: z.array(operatorViewSchema) }) },
  /** Creates or changes an account (a new one needs a PIN); a supervisor may not touch supervisor accounts. */
  'operator.save': {
    request: z.strictObject({
      id: operatorIdSchema,
      name: z.string().trim().min(1).max(80),
      role: operatorRole,
      pin: z
        .string()
        .regex(/^\d{4,12}$/, 'PIN: 4 to 12 digits')
        .optional(),
      disabled: z.boolean().optional(),
    }),
    response: operatorViewSchema,
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
