/**
 * The input shape of a creditor position, shared by the seed file and `POST /admin/positions`,
 * checked against the limits the XSD will later impose on the responses built from it (so an
 * accepted position can never produce an invalid message).
 */
import { z } from 'zod';
import { MAX_CENTS } from '../kernel/money';
import { creditorReferenceId } from './notice';
import type { Position, Transfer } from './model';

// Characters XML 1.0 cannot carry at all.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !XML_FORBIDDEN.test(s), 'contains characters XML cannot carry');

export const fiscalCodePA = z.string().regex(/^\d{11}$/, 'must be 11 digits');
export const noticeNumber = z.string().regex(/^\d{18}$/, 'must be 18 digits');
export const postalAccount = z.string().regex(/^\d{12}$/, 'must be 12 digits');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a calendar date');
const cents = z.int().min(1).max(MAX_CENTS);

const metadata = z
  .array(z.strictObject({ key: text(140), value: text(140) }))
  .min(1)
  .max(15);

const marcaDaBollo = z.strictObject({
  hashDocumento: z
    .string()
    .regex(/^[A-Za-z0-9+/]{2,70}={0,2}$/, 'must be base64')
    .refine((s) => s.length >= 4 && s.length <= 72 && s.length % 4 === 0, 'must be 4..72 base64 characters'),
  tipoBollo: z.literal('01').default('01'),
  provinciaResidenza: z.string().regex(/^[A-Z]{2}$/, 'must be two capital letters'),
});

export const transferInput = z
  .strictObject({
    idTransfer: z.int().min(1).max(5).optional(),
    amountCents: cents,
    fiscalCodePA: fiscalCodePA.optional(),
    companyName: text(140).optional(),
    iban: z
      .string()
      .regex(/^[a-zA-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/, 'not an IBAN')
      .optional(),
    marcaDaBollo: marcaDaBollo.optional(),
    remittanceInformation: text(140),
    transferCategory: text(140).optional(),
    metadata: metadata.optional(),
  })
  .refine((t) => (t.iban === undefined) !== (t.marcaDaBollo === undefined), 'a transfer needs exactly one of iban and marcaDaBollo');

export const positionInput = z
  .strictObject({
    fiscalCode: fiscalCodePA,
    noticeNumber: noticeNumber.optional(),
    label: text(80).optional(),
    companyName: text(140),
    officeName: text(140).optional(),
    paymentDescription: text(140),
    dueDate: isoDate.optional(),
    paymentNote: text(210).optional(),
    printedAmountCents: cents.optional(),
    transfers: z.array(transferInput).min(1).max(5),
    metadata: metadata.optional(),
    status: z.enum(['payable', 'paid', 'expired', 'cancelled']).default('payable'),
    standin: z.boolean().default(false),
    postalAccount: postalAccount.optional(),
    allCCP: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    const ids = p.transfers.map((t, i) => t.idTransfer ?? i + 1);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: 'idTransfer values must be distinct', path: ['transfers'] });
    const total = p.transfers.reduce((s, t) => s + t.amountCents, 0);
    if (total > MAX_CENTS)
      ctx.addIssue({ code: 'custom', message: 'the transfers add up to more than the XSD allows', path: ['transfers'] });
  });

export type PositionInput = z.infer<typeof positionInput>;
export type TransferInput = z.infer<typeof transferInput>;

export function toTransfers(inputs: TransferInput[], owner: { fiscalCode: string; companyName: string }): Transfer[] {
  return inputs.map((t, i) => ({
    idTransfer: t.idTransfer ?? i + 1,
    amountCents: t.amountCents,
    fiscalCodePA: t.fiscalCodePA ?? owner.fiscalCode,
    companyName: t.companyName ?? owner.companyName,
    ...(t.iban !== undefined ? { iban: t.iban } : {}),
    ...(t.marcaDaBollo !== undefined ? { marcaDaBollo: t.marcaDaBollo } : {}),
    remittanceInformation: t.remittanceInformation,
    ...(t.transferCategory !== undefined ? { transferCategory: t.transferCategory } : {}),
    ...(t.metadata !== undefined ? { metadata: t.metadata } : {}),
  }));
}

/** A stored position from validated input; the caller supplies the notice number when the input has none. */
export function toPosition(input: PositionInput, notice: string, origin: Position['origin']): Position {
  const transfers = toTransfers(input.transfers, input);
  const total = transfers.reduce((s, t) => s + t.amountCents, 0);
  return {
    fiscalCode: input.fiscalCode,
    noticeNumber: notice,
    ...(input.label !== undefined ? { label: input.label } : {}),
    companyName: input.companyName,
    ...(input.officeName !== undefined ? { officeName: input.officeName } : {}),
    paymentDescription: input.paymentDescription,
    ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
    ...(input.paymentNote !== undefined ? { paymentNote: input.paymentNote } : {}),
    creditorReferenceId: creditorReferenceId(notice),
    printedAmountCents: input.printedAmountCents ?? total,
    transfers,
    ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
    status: input.status,
    standin: input.standin,
    ...(input.postalAccount !== undefined ? { postalAccount: input.postalAccount } : {}),
    allCCP: input.allCCP,
    ...(input.status === 'paid' ? { paid: { paymentToken: null, at: 0, late: false } } : {}),
    tokens: [],
    origin,
  };
}

/** zod's issues as one readable line per problem: `transfers.0.iban: not an IBAN`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}
