/**
 * sessions.search, the counter's payment history (issue 13): its filters and the rows it answers
 * with (browser-safe, zod only). Every filter given must hold; none lists the newest sessions.
 */
import { z } from 'zod';
import { cents, noticeNumber, sessionSummarySchema } from './schemas';

/** A page's last row as `createdAt|id`: the next page starts after it (keyset, stable under new payments). */
export const historyCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z\|[\w-]{1,64}$/, 'must be a cursor from `next`');

export const sessionSearchRequest = z
  .strictObject({
    noticeNumber: noticeNumber.optional(),
    paymentToken: z.string().min(1).max(64).optional(),
    /** What the customer paid (fee included) or the notices' sum, in integer cents. */
    amountCents: cents.min(1).optional(),
    operatorId: z.string().min(1).max(64).optional(),
    /** ISO-8601 UTC instants: from inclusive, to exclusive. */
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    /** Only sessions that hold a paymentToken (leaves out carts closed before activation). */
    paymentsOnly: z.boolean().optional(),
    before: historyCursor.optional(),
    limit: z.int().min(1).max(200).optional(),
  })
  .refine((r) => r.from === undefined || r.to === undefined || Date.parse(r.from) < Date.parse(r.to), {
    message: 'from must be before to',
    path: ['to'],
  });

/** A notice of a listed session: enough to recognise it in the list; `session.get` has the rest. */
export const historyNoticeSchema = z.object({
  noticeNumber: z.string(),
  fiscalCode: z.string(),
  companyName: z.string().nullable(),
  amountCents: cents.nullable(),
  paymentToken: z.string().nullable(),
});

export const sessionSearchResponse = z.object({
  sessions: z.array(sessionSummarySchema.extend({ notices: z.array(historyNoticeSchema) })),
  /** Pass as `before` for the next (older) page; null on the last one. */
  next: z.string().nullable(),
});

export type SessionSearchRequest = z.output<typeof sessionSearchRequest>;
export type HistoryRow = z.output<typeof sessionSearchResponse>['sessions'][number];
