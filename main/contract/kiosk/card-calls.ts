/**
 * The card terminal beyond the kiosk: a counter pays by card through it, and the technician stores
 * its key and runs a test transaction. Browser-safe (zod). The key's passphrase goes in, never out.
 */
import { z } from 'zod';
import { sessionId, sessionStateSchema } from '../schemas';
import { cardTerminalPassphraseSchema } from './settings-schemas';

const bySession = z.strictObject({ sessionId });

export const cardTerminalStateSchema = z.enum(['ready', 'present-card', 'processing', 'offline', 'not-configured']);

export const cardPaymentSchema = z.object({
  /** 'unknown': the terminal may have charged and has not said how it ended; the core settles it (never a decline). */
  result: z.enum(['approved', 'declined', 'timeout', 'cancelled', 'unavailable', 'reversed', 'unknown']),
  reason: z.string().nullable(),
  session: sessionStateSchema,
  authCode: z.string().nullable(),
  maskedPan: z.string().nullable(),
  cardBrand: z.string().nullable(),
});

export const cardTestResultSchema = z.object({
  result: z.enum(['approved', 'declined', 'timeout', 'cancelled', 'busy', 'offline', 'not-configured', 'wrong-key', 'unknown']),
  reason: z.string().nullable(),
  amountCents: z.int().positive(),
  reversed: z.boolean().nullable(),
  cardBrand: z.string().nullable(),
  maskedPan: z.string().nullable(),
  authCode: z.string().nullable(),
  acquirerReference: z.string().nullable(),
});

export const CARD_TERMINAL_CALLS = {
  /**
   * Whether this counter takes cards through a card terminal a technician configured (else the
   * operator confirms the POS's approval by hand, session.tender), and what the terminal is doing.
   */
  'counter.cardTerminal': {
    request: z.strictObject({}),
    response: z.object({ configured: z.boolean(), state: cardTerminalStateSchema }),
  },
  /**
   * Staff: asks the counter's card terminal for what the core quotes for a card, then tenders it as
   * card (the kiosk's money path, main/services/kiosk/card-payment.ts). Anything but 'approved' leaves
   * the session activated. CARD_PAYMENT_NOT_ALLOWED for a session that is not the counter's.
   */
  'counter.payByCard': { request: bySession, response: cardPaymentSchema },
  /** Staff: stops the terminal's wait for this session's card (AbortRequest); false when too late. */
  'counter.cancelCard': { request: bySession, response: z.object({ cancelled: z.boolean() }) },
  /** Technician: stores the card terminal key's passphrase as a secret; it is never answered back. */
  'technician.setCardTerminalKey': {
    request: z.strictObject({ passphrase: cardTerminalPassphraseSchema }),
    response: z.object({ keyStored: z.literal(true) }),
  },
  /** Technician: 0.01 EUR asked of the configured terminal, reversed at once if approved; journaled. */
  'technician.testCardTerminal': { request: z.strictObject({}), response: cardTestResultSchema },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
