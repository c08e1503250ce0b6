/**
 * The kiosk's calls: what an unattended citizen screen needs beyond the payment calls. Nothing here
 * shows queue internals or needs a PIN; amounts still come only from the core. Browser-safe (zod).
 */
import { z } from 'zod';
import { sessionId, sessionStateSchema } from '../schemas';

const bySession = z.strictObject({ sessionId });

export const cardTerminalState = z.enum(['ready', 'present-card', 'processing', 'offline', 'not-configured']);

export const KIOSK_CALLS = {
  /** Timing of the inactivity warning, and whether a card can be taken at all. */
  'kiosk.settings': {
    request: z.strictObject({}),
    response: z.object({
      idleSeconds: z.number().int().positive(),
      /** At least 20 s (WCAG 2.2.1). */
      warningSeconds: z.number().int().min(20),
      cardTerminal: cardTerminalState,
      demo: z.boolean(),
    }),
  },
  /**
   * Authorizes what the core quotes for a card on the kiosk's terminal, then tenders it as card.
   * Anything but 'approved' leaves the session activated: try again, or session.cancel.
   */
  'kiosk.payByCard': {
    request: bySession,
    response: z.object({
      result: z.enum(['approved', 'declined', 'timeout', 'cancelled', 'unavailable', 'reversed']),
      reason: z.string().nullable(),
      session: sessionStateSchema,
      authCode: z.string().nullable(),
      maskedPan: z.string().nullable(),
    }),
  },
  /** Stops the card terminal's wait for this session's card (it answers 'cancelled'); false when too late. */
  'kiosk.cancelCard': { request: bySession, response: z.object({ cancelled: z.boolean() }) },
  /** What the card terminal is doing: the progress screen follows it. */
  'kiosk.cardStatus': { request: z.strictObject({}), response: z.object({ state: cardTerminalState }) },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
