/**
 * Run-time check of a PrintDocument coming from outside the process (a stored queue, the
 * contract). The type in document.ts stays the source of truth; the test holds the two together.
 */
import { z } from 'zod';
import type { PrintDocument } from './document';

const align = z.enum(['left', 'center', 'right']).optional();
const style = z
  .object({
    bold: z.boolean().optional(),
    underline: z.boolean().optional(),
    doubleWidth: z.boolean().optional(),
    doubleHeight: z.boolean().optional(),
  })
  .strict()
  .optional();
const moduleDots = z.number().int().min(1).max(16).optional();

export const blockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), align, style }).strict(),
  z.object({ kind: z.literal('pair'), label: z.string(), value: z.string(), style }).strict(),
  z.object({ kind: z.literal('rule'), char: z.string().min(1).optional() }).strict(),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(0).max(255) }).strict(),
  z.object({ kind: z.literal('qr'), data: z.string().min(1), align, moduleDots }).strict(),
  z.object({ kind: z.literal('code128'), data: z.string().min(1), align, showText: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('datamatrix'), data: z.string().min(1), align, moduleDots }).strict(),
  z.object({ kind: z.literal('cut') }).strict(),
  z.object({ kind: z.literal('drawer') }).strict(),
]);

export const documentSchema = z.object({ blocks: z.array(blockSchema) }).strict();

// compile-time: every schema output is a PrintDocument
const _check: (d: z.infer<typeof documentSchema>) => PrintDocument = (d) => d;
void _check;
