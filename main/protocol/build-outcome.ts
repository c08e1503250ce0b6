/**
 * Body elements of sendPaymentOutcome (v1) and sendPaymentOutcomeV2, with their details and payer.
 * An OK outcome without details is refused here: pagoPA requires them for OK, and finding out
 * from the node would waste an attempt of the outbox.
 */
import { NODE_FOR_PSP_NS, PRIMITIVE_INFO } from './primitives';
import { RequestInvalid } from './errors';
import { ST } from './simple-types';
import type {
  MarcaDaBollo,
  NodeCredentials,
  OutcomeDetails,
  OutcomeDetailsV2,
  Payer,
  SendPaymentOutcomeRequest,
  SendPaymentOutcomeV2Request,
} from './types';
import { amountLeaf, bodyElement, credentialLeaves, group, intLeaf, leaf, optAmountLeaf, optLeaf } from './xml-write';

function payer(base: string, p: Payer | undefined): string {
  if (p === undefined) return '';
  const at = `${base}/payer`;
  if (!p || typeof p !== 'object' || !p.uniqueIdentifier) throw new RequestInvalid(at, 'ctSubject');
  return group(
    at,
    group(
      `${at}/uniqueIdentifier`,
      leaf(
        `${at}/uniqueIdentifier/entityUniqueIdentifierType`,
        p.uniqueIdentifier.entityUniqueIdentifierType,
        ST.entityUniqueIdentifierType,
      ),
      leaf(
        `${at}/uniqueIdentifier/entityUniqueIdentifierValue`,
        p.uniqueIdentifier.entityUniqueIdentifierValue,
        ST.entityUniqueIdentifierValue,
      ),
    ),
    leaf(`${at}/fullName`, p.fullName, ST.text70),
    optLeaf(`${at}/streetName`, p.streetName, ST.text70),
    optLeaf(`${at}/civicNumber`, p.civicNumber, ST.text16),
    optLeaf(`${at}/postalCode`, p.postalCode, ST.text16),
    optLeaf(`${at}/city`, p.city, ST.text35),
    optLeaf(`${at}/stateProvinceRegion`, p.stateProvinceRegion, ST.text35),
    optLeaf(`${at}/country`, p.country, ST.nazioneProvincia),
    optLeaf(`${at}/e-mail`, p.eMail, ST.email),
  );
}

function detailsHead(d: OutcomeDetails): string[] {
  return [
    leaf('details/paymentMethod', d.paymentMethod, ST.paymentMethod),
    optLeaf('details/paymentChannel', d.paymentChannel, ST.paymentChannel),
    amountLeaf('details/fee', d.fee),
  ];
}

function detailsDates(d: OutcomeDetails): string[] {
  return [leaf('details/applicationDate', d.applicationDate, ST.isoDate), leaf('details/transferDate', d.transferDate, ST.isoDate)];
}

function checkDetails(outcome: string, details: unknown): void {
  leaf('outcome', outcome, ST.outcome);
  if (details !== undefined && (details === null || typeof details !== 'object')) throw new RequestInvalid('details', 'ctOutcomeDetails');
  if (outcome === 'OK' && details === undefined) throw new RequestInvalid('details', 'present when outcome is OK');
}

function detailsV1(d: OutcomeDetails | undefined): string {
  if (d === undefined) return '';
  return group('details', ...detailsHead(d), payer('details', d.payer), ...detailsDates(d));
}

function marcheDaBollo(list: MarcaDaBollo[] | undefined): string {
  if (list === undefined) return '';
  const at = 'details/marcheDaBollo';
  if (!Array.isArray(list) || list.length < 1 || list.length > 25)
    throw new RequestInvalid(at, 'ctListaMarcheDaBollo (1..25 marcaDaBollo)');
  return group(
    at,
    ...list.map((m, i) => {
      const el = `${at}/marcaDaBollo`;
      if (!m || typeof m !== 'object') throw new RequestInvalid(`${el}[${i}]`, 'ctMarcaDaBollo');
      return group(
        el,
        leaf(`${el}/paymentToken`, m.paymentToken, ST.paymentToken),
        intLeaf(`${el}/idTransfer`, m.idTransfer, ST.idTransfer),
        leaf(`${el}/MBDAttachment`, m.MBDAttachment, ST.base64),
      );
    }),
  );
}

function detailsV2(d: OutcomeDetailsV2 | undefined): string {
  if (d === undefined) return '';
  return group(
    'details',
    ...detailsHead(d),
    optAmountLeaf('details/primaryCiIncurredFee', d.primaryCiIncurredFee),
    optLeaf('details/idBundle', d.idBundle, ST.text70),
    optLeaf('details/idCiBundle', d.idCiBundle, ST.text70),
    payer('details', d.payer),
    ...detailsDates(d),
    marcheDaBollo(d.marcheDaBollo),
  );
}

export function sendPaymentOutcomeBody(c: NodeCredentials, r: SendPaymentOutcomeRequest): string {
  checkDetails(r.outcome, r.details);
  return bodyElement(
    PRIMITIVE_INFO.sendPaymentOutcome.requestElement,
    NODE_FOR_PSP_NS,
    credentialLeaves(c),
    optLeaf('idempotencyKey', r.idempotencyKey, ST.idempotencyKey),
    leaf('paymentToken', r.paymentToken, ST.paymentToken),
    leaf('outcome', r.outcome, ST.outcome),
    detailsV1(r.details),
  );
}

export function sendPaymentOutcomeV2Body(c: NodeCredentials, r: SendPaymentOutcomeV2Request): string {
  checkDetails(r.outcome, r.details);
  const tokens = r.paymentTokens;
  if (!Array.isArray(tokens) || tokens.length < 1 || tokens.length > 5)
    throw new RequestInvalid('paymentTokens', 'stPaymentTokens (1..5 paymentToken)');
  return bodyElement(
    PRIMITIVE_INFO.sendPaymentOutcomeV2.requestElement,
    NODE_FOR_PSP_NS,
    credentialLeaves(c),
    optLeaf('idempotencyKey', r.idempotencyKey, ST.idempotencyKey),
    group('paymentTokens', ...tokens.map((t) => leaf('paymentTokens/paymentToken', t, ST.paymentToken))),
    leaf('outcome', r.outcome, ST.outcome),
    detailsV2(r.details),
  );
}
