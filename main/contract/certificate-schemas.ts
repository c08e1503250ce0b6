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

/** certificate.print: the configured printer, or (technician) a named target with its paper. */
export const certificatePrintRequest = certificateRequest.extend({
  /** serial:, tcp:, usb:, file: (ESC/POS), pdf: or svg: (a preview: issues nothing). */
  to: z.string().trim().min(1).max(512).optional(),
  /** With `to`: the roll width, or a4 for pdf:/svg:. Default 80mm. */
  paper: z.enum(['80mm', '58mm', 'a4']).optional(),
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
  /** Size of what was written, and how many notices the document names. */
  bytes: z.int().nonnegative(),
  notices: z.int().nonnegative(),
  /** The configured printer's print queue job (absent for a named target): its id and state. */
  job: z.object({ id: z.string(), state: z.enum(['queued', 'printing', 'printed', 'failed', 'discarded']) }).optional(),
  /** The original had already been asked for: this answer is that job's, nothing new was printed. */
  deduplicated: z.boolean().optional(),
});
