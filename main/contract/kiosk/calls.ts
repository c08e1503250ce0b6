/**
 * The kiosk's calls: what an unattended citizen screen needs beyond the payment calls. Nothing here
 * shows queue internals or needs a PIN; amounts still come only from the core. Browser-safe (zod).
 */
import { z } from 'zod';
import { sessionId } from '../schemas';
import { CARD_TERMINAL_CALLS, cardPaymentSchema, cardTerminalStateSchema } from './card-calls';
import { kioskPrinterStateSchema, withoutPrinterSchema } from './settings-schemas';

const bySession = z.strictObject({ sessionId });

export const cardTerminalState = cardTerminalStateSchema;

export const KIOSK_CALLS = {
  /** The counter's card payments and the technician's card terminal key and test: card-calls.ts. */
  ...CARD_TERMINAL_CALLS,
  /**
   * Timing of the inactivity warning, whether a card can be taken at all, and the receipt printer
   * as checked now (status asked of the printer) with what the kiosk does without it.
   */
  'kiosk.settings': {
    request: z.strictObject({}),
    response: z.object({
      idleSeconds: z.number().int().positive(),
      /** At least 20 s (WCAG 2.2.1). */
      warningSeconds: z.number().int().min(20),
      cardTerminal: cardTerminalState,
      demo: z.boolean(),
      printer: kioskPrinterStateSchema,
      /** Why the printer is not ready (not-configured, paper-end, offline, …), for staff; null when ready. */
      printerReason: z.string().nullable(),
      withoutPrinter: withoutPrinterSchema,
    }),
  },
  /** Technician: what the kiosk does when its printer does not work (out of service, or the QR receipt). */
  'kiosk.setWithoutPrinter': {
    request: z.strictObject({ withoutPrinter: withoutPrinterSchema }),
    response: z.object({ withoutPrinter: withoutPrinterSchema }),
  },
  /**
   * A paid session's receipt as a QR code (the certificate's data as text, and its SVG), for a kiosk
   * that cannot print: the citizen keeps it with a phone.
   */
  'kiosk.receiptCode': {
    request: bySession,
    response: z.object({ kind: z.enum(['pending', 'final']), payload: z.string(), svg: z.string() }),
  },
  /**
   * Authorizes what the core quotes for a card on the kiosk's terminal, then tenders it as card.
   * Anything but 'approved' leaves the session activated: try again, or session.cancel.
   * KIOSK_OUT_OF_SERVICE, before the card is asked, when the receipt printer does not work and the
   * technician chose to stop taking payments then.
   */
  'kiosk.payByCard': { request: bySession, response: cardPaymentSchema },
  /** Stops the card terminal's wait for this session's card (it answers 'cancelled'); false when too late. */
  'kiosk.cancelCard': { request: bySession, response: z.object({ cancelled: z.boolean() }) },
  /** What the card terminal is doing: the progress screen follows it. */
  'kiosk.cardStatus': { request: z.strictObject({}), response: z.object({ state: cardTerminalState }) },
  /**
   * Where the session's card authorization stands, as the journal tells it (read-only): the screens
   * that told the citizen or the operator "being checked" follow it until the core settles it.
   * `open`: the terminal may still have charged (the session cannot be cancelled meanwhile).
   */
  'kiosk.cardCheck': {
    request: bySession,
    response: z.object({
      phase: z.enum(['none', 'authorizing', 'approved', 'reversed', 'refund-case']),
      open: z.boolean(),
      /** The approval's card, for the receipt, once the terminal said it approved. */
      card: z.object({ brand: z.string().nullable(), maskedPan: z.string().nullable(), authCode: z.string().nullable() }).nullable(),
    }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
