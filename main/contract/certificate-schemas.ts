/** The certificate calls' requests and answers (browser-safe, zod only). */
import { z } from 'zod';
import { sessionId } from './schemas';

export const language = z.enum(['it', 'en', 'de']);

export const certificateRequest = z.strictObject({
  sessionId,
  /** Default: the terminal's language. */
  locale: language.optional(),
  /** A copy marked as duplicate (a certified session always prints as one). */
  reprint: z.boolean().optional(),
});

const paper = z.object({
  /** final: the certificate; pending: the slip given while the outcome is on its way. */
  kind: z.enum(['final', 'pending']),
  duplicate: z.boolean(),
});

export const certificatePreviewSchema = paper.extend({
  /** The paper as SVG, laid out with the printer's own wrapping: what the printer would print. */
  svg: z.string(),
  printerConfigured: z.boolean(),
});

export const certificatePrintSchema = paper.extend({
  output: z.string(),
  /** printer: message keys the operator should see (paper near end). */
  warnings: z.array(z.string()),
  /** The original of a final certificate went to paper: the session is now certified. */
  certified: z.boolean(),
});
