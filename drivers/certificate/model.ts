/**
 * certificateFor: a session plus its context -> the certificate as data. Pure (no clock, no I/O).
 *
 * Which paper a session gets:
 * - outcome-pending, needs-decision with money taken: the pending slip, listing the tendered notices
 *   the node has not refused, each marked confirmed or awaiting confirmation;
 * - completed, certified: the final certificate (notices accepted, also late: "late but taken");
 * - refund-required, refunded: the final certificate for the notices the node took, the refused ones
 *   left out and counted; none taken -> CertificateUnavailable('no-paid-notice');
 * - every state without a tender (nothing collected) -> CertificateUnavailable('not-paid').
 * A certified session was issued its original already: any further copy is a duplicate.
 */
import { missingCase } from '../../kernel/errors';
import { CertificateContextInvalid, CertificateDataMissing, CertificateUnavailable } from './errors';
import type {
  CertificateContext,
  CertificateModel,
  CertificateNoticeInput,
  CertificateNoticePhase,
  CertificateSession,
  CertifiedNotice,
  TenderDetails,
} from './types';

export const DEFAULT_TIME_ZONE = 'Europe/Rome';

const CONFIRMED: ReadonlySet<CertificateNoticePhase> = new Set(['accepted', 'accepted-late']);
/** Money taken and not refused, outcome not settled yet. */
const AWAITING: ReadonlySet<CertificateNoticePhase> = new Set(['ok-queued', 'needs-decision']);
/** Money taken, node refused the OK: the customer gets it back, so it is not attested. */
const REFUSED: ReadonlySet<CertificateNoticePhase> = new Set(['refund-required']);

type Plan = { kind: 'pending' | 'final'; shown: ReadonlySet<CertificateNoticePhase> } | { unavailable: 'not-paid' };

function planFor(session: CertificateSession): Plan {
  const status = session.status;
  switch (status) {
    case 'cart':
    case 'activating':
    case 'activated':
    case 'activation-refused':
    case 'cancelling':
    case 'token-expired':
    case 'cancelled':
      return { unavailable: 'not-paid' };
    case 'outcome-pending':
    case 'needs-decision':
      // needs-decision without a tender is an abandoned activation: nothing was collected
      return session.tender ? { kind: 'pending', shown: new Set([...CONFIRMED, ...AWAITING]) } : { unavailable: 'not-paid' };
    case 'completed':
    case 'certified':
    case 'refund-required':
    case 'refunded':
      return { kind: 'final', shown: CONFIRMED };
    default:
      return missingCase(status);
  }
}

export function certificateFor(session: CertificateSession, context: CertificateContext): CertificateModel {
  checkContext(context);
  const plan = planFor(session);
  if ('unavailable' in plan || !session.tender) throw new CertificateUnavailable('not-paid', session.id, session.status);
  const shown = session.notices.filter((n) => plan.shown.has(n.phase));
  if (shown.length === 0) throw new CertificateUnavailable('no-paid-notice', session.id, session.status);
  const notices = shown.map((n) => certifiedNotice(session.id, n));
  const amountCents = notices.reduce((sum, n) => sum + n.amountCents, 0);
  const feeCents = session.tender.feeCents;
  return {
    kind: plan.kind,
    duplicate: context.variant === 'duplicate' || session.status === 'certified',
    locale: context.locale,
    timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
    sessionId: session.id,
    paidAtMs: context.paidAtMs,
    printedAtMs: context.printedAtMs,
    psp: { name: context.psp.name.trim(), fiscalCode: context.psp.fiscalCode.trim() },
    terminalId: context.terminalId,
    operatorId: context.operatorId,
    method: session.tender.method,
    notices,
    excludedCount: session.notices.filter((n) => REFUSED.has(n.phase)).length,
    amountCents,
    feeCents,
    totalCents: amountCents + feeCents,
    cash: cashOf(session.tender),
    tenderDetails: session.tender.method === 'cash' ? null : detailsOf(context.tenderDetails),
  };
}

function cashOf(tender: NonNullable<CertificateSession['tender']>): CertificateModel['cash'] {
  if (tender.method !== 'cash' || tender.givenCents === undefined || tender.givenCents === null) return null;
  return { givenCents: tender.givenCents, changeCents: tender.changeCents ?? tender.givenCents - tender.dueCents };
}

/** Only the last 4 digits of a card number ever reach paper, whatever the source held. */
export function maskCard(card: string): string {
  const digits = card.replace(/\D/g, '');
  return digits.length === 0 ? '' : `**** ${digits.slice(-4)}`;
}

function detailsOf(d: TenderDetails | null | undefined): TenderDetails | null {
  if (!d) return null;
  const card = d.card ? maskCard(d.card) : '';
  const out: TenderDetails = {
    ...(d.brand ? { brand: d.brand } : {}),
    ...(card ? { card } : {}),
    ...(d.authCode ? { authCode: d.authCode } : {}),
    ...(d.reference ? { reference: d.reference } : {}),
  };
  return Object.keys(out).length > 0 ? out : null;
}

function certifiedNotice(sessionId: string, n: CertificateNoticeInput): CertifiedNotice {
  const a = n.activation;
  if (!a) throw new CertificateDataMissing(sessionId, n.id, 'activation');
  if (!a.paymentToken) throw new CertificateDataMissing(sessionId, n.id, 'paymentToken');
  return {
    creditorFiscalCode: a.fiscalCodePA || n.ref.fiscalCode,
    creditorName: a.companyName || n.verification?.companyName || '',
    iuv: a.creditorReferenceId,
    noticeNumber: n.ref.noticeNumber,
    paymentToken: a.paymentToken,
    amountCents: a.totalAmountCents,
    description: a.description || n.verification?.description || '',
    confirmed: CONFIRMED.has(n.phase),
    ...(n.verification?.standin || a.standin ? { standin: true as const } : {}),
    ...(n.ref.service
      ? {
          service: {
            description: n.ref.service.description,
            data: n.ref.service.data.map((d) => ({ name: d.name, value: d.value, ...(d.optionKey ? { optionKey: d.optionKey } : {}) })),
          },
        }
      : {}),
  };
}

function checkContext(c: CertificateContext): void {
  if (c.psp.name.trim() === '') throw new CertificateContextInvalid('psp.name', 'is empty (SANP asks for the PSP company name)');
  if (c.psp.fiscalCode.trim() === '') throw new CertificateContextInvalid('psp.fiscalCode', 'is empty (SANP asks for the PSP fiscal code)');
  if (c.terminalId.trim() === '') throw new CertificateContextInvalid('terminalId', 'is empty');
  if (!Number.isFinite(c.paidAtMs)) throw new CertificateContextInvalid('paidAtMs', 'is not a time');
  if (!Number.isFinite(c.printedAtMs)) throw new CertificateContextInvalid('printedAtMs', 'is not a time');
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.timeZone ?? DEFAULT_TIME_ZONE });
  } catch {
    throw new CertificateContextInvalid('timeZone', `is not a known time zone: ${c.timeZone}`);
  }
}
