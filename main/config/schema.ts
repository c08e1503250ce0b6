/**
 * The terminal's configuration file: versioned, validated with zod. Every field has a reason to be
 * here; secrets (node password, subscription key) are marked so they can be masked everywhere.
 */
import { z } from 'zod';

export const CONFIG_VERSION = 1;

const amountCents = z.number().int().nonnegative();

export const feeRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('flat'), cents: amountCents }),
  z.object({ kind: z.literal('per-notice'), cents: amountCents }),
  z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(0).max(10_000), minCents: amountCents, maxCents: amountCents }),
]);

const timeouts = z
  .object({
    verifyPaymentNotice: z.number().int().positive(),
    activatePaymentNotice: z.number().int().positive(),
    sendPaymentOutcome: z.number().int().positive(),
    verificaBollettino: z.number().int().positive(),
    demandPaymentNotice: z.number().int().positive(),
    nodoChiediCatalogoServiziV2: z.number().int().positive(),
  })
  .partial();

export const nodeSchema = z.object({
  endpoint: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
  subscriptionKey: z.string().min(1),
  idPSP: z.string().min(1).max(35),
  idBrokerPSP: z.string().min(1).max(35),
  idChannel: z.string().min(1).max(35),
  password: z.string().min(8).max(15),
  /** Prefix of idempotency keys (XSD: 2-18 alphanumerics); SANP asks for the PSP's fiscal code. */
  pspFiscalCode: z.string().regex(/^[a-zA-Z0-9]{2,18}$/, 'must be 2-18 letters or digits (it prefixes idempotency keys)'),
  /** Printed on the certificate (SANP: at least the PSP's company name and fiscal code). */
  pspName: z.string().min(1).max(140),
  /** Token lifetime asked for in activatePaymentNoticeV2 (ms, at most the node's 30 minutes). */
  tokenDurationMs: z.number().int().min(60_000).max(1_800_000).default(1_800_000),
  timeoutsMs: timeouts.default({}),
  /**
   * How long the node may still process an activation after it left (ms): an unanswered activation is
   * asked again with its key only after this, so the re-ask never races the first request. Default:
   * a minute, or twice the activate timeout when that is longer.
   */
  activationHorizonMs: z.number().int().min(1_000).max(600_000).optional(),
  /**
   * The channel is registered to sell @e.bollo stamps (e-commerce). Default false: counters and kiosks
   * cannot, and a notice asking for a stamp is refused before any money is taken.
   */
  ecommerce: z.boolean().optional(),
  /** activatePaymentNoticeV2's touchPoint, as the PSP registered it; default by terminal kind (kiosk ATM, counter PSP). */
  touchPoint: z.enum(['IO', 'WISP', 'CHECKOUT', 'PSP', 'ATM', 'BETTING', 'TS', 'HB', 'POS']).optional(),
  /** The outcome's paymentChannel, as the PSP registered it; default by terminal kind (kiosk atm, counter frontOffice). */
  paymentChannel: z.enum(['frontOffice', 'atm', 'onLine', 'app', 'other']).optional(),
  /** Poste Italiane PSP: Data Matrix notices go through verificaBollettino. */
  isPoste: z.boolean().default(false),
});

export const configSchema = z.object({
  version: z.literal(CONFIG_VERSION),
  node: nodeSchema,
  terminal: z.object({
    id: z.string().min(1).max(35),
    kind: z.enum(['counter', 'kiosk']).default('counter'),
    locale: z.enum(['it', 'en', 'de']).default('it'),
    /** Refuse notice numbers with a wrong mod-93 check digit instead of warning. */
    strictCheckDigit: z.boolean().default(false),
    /** Seconds an activated but untendered session may wait on an unattended kiosk before its KO. */
    kioskAbandonSeconds: z.number().int().min(30).max(1_500).default(180),
  }),
  fees: feeRuleSchema.default({ kind: 'none' }),
});

export type Config = z.infer<typeof configSchema>;
export type NodeSettings = Config['node'];

/** Paths of the fields that are secrets: masked in logs, exports, `--json` and the UI. */
export const SECRET_FIELDS = ['node.password', 'node.subscriptionKey'] as const;
