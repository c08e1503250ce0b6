/** The settings form's draft: text as typed, turned into the contract's values on save (amounts via string math). Pure. */
import type { ResponseOf } from '../../../main/contract/calls';
import { parseEuroInput } from '../../app/i18n/format';
import { missingCase } from '../../kiosk/missing-case';

type Config = ResponseOf<'config.get'>['config'];
type Fees = Config['fees'];

export interface Draft {
  endpoint: string;
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  pspFiscalCode: string;
  pspName: string;
  /** Write-only: empty keeps the current one. */
  password: string;
  subscriptionKey: string;
  passwordSet: boolean;
  subscriptionKeySet: boolean;
  terminalId: string;
  kind: Config['terminal']['kind'];
  locale: Config['terminal']['locale'];
  strictCheckDigit: boolean;
  kioskAbandonSeconds: string;
  feeKind: Fees['kind'];
  /** euros, as typed */
  feeAmount: string;
  /** percent with up to two decimals: basis points by the same string math as cents */
  feePercent: string;
  feeMin: string;
  feeMax: string;
}

/** Integer cents as the form shows them to be edited: "1,50" (the core stores cents). */
export function centsText(cents: number): string {
  const digits = String(cents).padStart(3, '0');
  return `${digits.slice(0, -2)},${digits.slice(-2)}`;
}

export function draftOf(c: Config): Draft {
  const f = c.fees;
  return {
    endpoint: c.node.endpoint,
    idPSP: c.node.idPSP,
    idBrokerPSP: c.node.idBrokerPSP,
    idChannel: c.node.idChannel,
    pspFiscalCode: c.node.pspFiscalCode,
    pspName: c.node.pspName,
    password: '',
    subscriptionKey: '',
    passwordSet: c.node.password.length > 0,
    subscriptionKeySet: c.node.subscriptionKey.length > 0,
    terminalId: c.terminal.id,
    kind: c.terminal.kind,
    locale: c.terminal.locale,
    strictCheckDigit: c.terminal.strictCheckDigit,
    kioskAbandonSeconds: String(c.terminal.kioskAbandonSeconds),
    feeKind: f.kind,
    feeAmount: f.kind === 'flat' || f.kind === 'per-notice' ? centsText(f.cents) : '0,00',
    feePercent: f.kind === 'percent' ? centsText(f.basisPoints) : '0,00',
    feeMin: f.kind === 'percent' ? centsText(f.minCents) : '0,00',
    feeMax: f.kind === 'percent' ? centsText(f.maxCents) : '0,00',
  };
}

/** The fee rule to save, or null when an amount is not one. */
export function feesOf(d: Draft): Fees | null {
  switch (d.feeKind) {
    case 'none':
      return { kind: 'none' };
    case 'flat':
    case 'per-notice': {
      const cents = parseEuroInput(d.feeAmount);
      return cents === null ? null : { kind: d.feeKind, cents };
    }
    case 'percent': {
      const basisPoints = parseEuroInput(d.feePercent);
      const minCents = parseEuroInput(d.feeMin);
      const maxCents = parseEuroInput(d.feeMax);
      if (basisPoints === null || minCents === null || maxCents === null || basisPoints > 10_000) return null;
      return { kind: 'percent', basisPoints, minCents, maxCents };
    }
    default:
      return missingCase(d.feeKind);
  }
}
