/**
 * demandPaymentNotice: a spontaneous payment. The creditor that provides the service checks the
 * service data (datiSpecificiServizio: base64 XML, checked against the service's schema when the
 * simulator has it) and creates a new position, whose notice the PSP then verifies and activates.
 * `prepareDemand` does the (asynchronous) checks and touches no state; `demandPaymentNotice`
 * creates the position synchronously.
 */
import { existsSync } from 'node:fs';
import { centsToAmount } from '../../kernel/money';
import { creditorFault, nodeFault, NodeFault } from '../faults';
import { leaf, node } from '../xml/write';
import { parseXml, type XmlElement } from '../xml/parse';
import { xsdValidator } from '../xsd';
import { aux3Notice, creditorReferenceId } from '../notice';
import { findProvider, serviceSchemaPath } from '../catalogue';
import { amountOf, type Position, type ServiceProvider, type Transfer } from '../model';
import { DataRefusal, describeXsdErrors, findElementText, ruleAmountCents } from '../services/service-data';
import { reachableCreditor } from './common';
import type { SimContext } from '../context';
import type { RequestOf } from '../requests';

type DemandRequest = RequestOf<'demandPaymentNotice'>;

export interface PreparedDemand {
  provider: ServiceProvider;
  companyName: string;
  datiSpecificiServizio: string;
  /** the new position's transfers: the provider's, or the rule's amount followed by the provider's */
  transfers: Transfer[];
  /** car tax: the vehicle, so a second payment in the same year is refused */
  subject?: string;
}

/** Segregation code of the notices spontaneous payments create (seeded notices use 01). */
const DEMAND_SEGREGATION = '02';

export async function prepareDemand(ctx: SimContext, r: DemandRequest): Promise<PreparedDemand> {
  const found = findProvider(ctx.state.services(), r.idSoggettoServizio);
  if (!found) throw new NodeFault(nodeFault('PPT_SERVIZIO_SCONOSCIUTO', `idSoggettoServizio ${r.idSoggettoServizio} sconosciuto`));
  const creditor = reachableCreditor(ctx, found.provider.idDominio);
  const fc = creditor.fiscalCode;
  let xml: string;
  let root: XmlElement;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(r.datiSpecificiServizio, 'base64'));
    root = parseXml(xml);
  } catch (e) {
    throw new NodeFault(creditorFault(fc, 'PAA_SINTASSI_EXTRAXSD', `datiSpecificiServizio non è un XML valido: ${(e as Error).message}`));
  }
  const schema = serviceSchemaPath(found.service);
  if (existsSync(schema)) {
    const verdict = await (await xsdValidator(schema)).validate(xml);
    if (!verdict.valid) {
      // The description names the element to correct first, in one stable form (describeXsdError).
      const why = describeXsdErrors(verdict.errors);
      throw new NodeFault(
        creditorFault(fc, 'PAA_SINTASSI_XSD', `datiSpecificiServizio non valido per ${found.service.xsdRiferimento}: ${why.text}`),
      );
    }
  }
  let transfers: Transfer[];
  try {
    transfers = positionTransfers(found.provider, root);
  } catch (e) {
    if (e instanceof DataRefusal) throw new NodeFault(creditorFault(fc, e.code, `datiSpecificiServizio: ${e.message}`));
    throw e;
  }
  const subject = found.provider.amount?.rule === 'car-tax' ? carTaxSubject(root) : undefined;
  return {
    provider: found.provider,
    companyName: creditor.companyName,
    datiSpecificiServizio: xml,
    transfers,
    ...(subject !== undefined ? { subject } : {}),
  };
}

function carTaxSubject(root: XmlElement): string {
  const cls = (findElementText(root, 'tipoVeicoloTarga') ?? '').trim();
  return `${cls}/${(findElementText(root, 'veicoloTarga') ?? '').trim().toUpperCase()}`;
}

/**
 * The creditor refuses a second car tax for a vehicle already paid this (simulated, UTC) year at
 * the same provider: PAA_PAGAMENTO_DUPLICATO. Unpaid notices for it do not count.
 */
function refuseIfPaidThisYear(ctx: SimContext, r: DemandRequest, d: PreparedDemand): void {
  if (d.subject === undefined) return;
  const year = new Date(ctx.clock.now()).getUTCFullYear();
  const paid = ctx.state
    .positions()
    .some(
      (p) =>
        p.demand?.idSoggettoServizio === r.idSoggettoServizio &&
        p.demand.subject === d.subject &&
        p.status === 'paid' &&
        p.paid !== undefined &&
        new Date(p.paid.at).getUTCFullYear() === year,
    );
  if (!paid) return;
  const plate = d.subject.slice(d.subject.indexOf('/') + 1);
  throw new NodeFault(
    creditorFault(
      d.provider.idDominio,
      'PAA_PAGAMENTO_DUPLICATO',
      `element 'veicoloTarga': tassa automobilistica ${year} già pagata per ${plate}`,
    ),
  );
}

/** Fixed transfers as seeded, or the rule's amount to the provider's creditor as transfer 1 and the fixed ones after it. */
export function positionTransfers(provider: ServiceProvider, root: XmlElement): Transfer[] {
  const fixed = structuredClone(provider.transfers);
  const rule = provider.amount;
  if (rule === undefined) return fixed;
  const first: Transfer = {
    idTransfer: 1,
    amountCents: ruleAmountCents(rule, root),
    fiscalCodePA: provider.idDominio,
    companyName: provider.denominazioneEnteCreditore,
    iban: rule.iban,
    remittanceInformation: rule.remittanceInformation,
    ...(rule.transferCategory !== undefined ? { transferCategory: rule.transferCategory } : {}),
  };
  return [first, ...fixed.map((t, i) => ({ ...t, idTransfer: i + 2 }))];
}

export function demandPaymentNotice(ctx: SimContext, r: DemandRequest, d: PreparedDemand): string {
  refuseIfPaidThisYear(ctx, r, d);
  const p = newPosition(ctx, r, d);
  ctx.state.putPosition(p);
  return [
    node('qrCode', [leaf('fiscalCode', p.fiscalCode), leaf('noticeNumber', p.noticeNumber)]),
    node('paymentList', [
      node('paymentOptionDescription', [leaf('amount', centsToAmount(amountOf(p))), leaf('options', 'EQ'), leaf('dueDate', p.dueDate)]),
    ]),
    leaf('paymentDescription', p.paymentDescription),
    leaf('fiscalCodePA', p.fiscalCode),
    leaf('companyName', p.companyName),
    leaf('officeName', p.officeName),
  ].join('');
}

function newPosition(ctx: SimContext, r: DemandRequest, d: PreparedDemand): Position {
  const fc = d.provider.idDominio;
  let base = ctx.state.meta('nextDemandIuv', 1);
  let notice = aux3Notice(DEMAND_SEGREGATION, base);
  while (ctx.state.position(fc, notice)) notice = aux3Notice(DEMAND_SEGREGATION, ++base);
  ctx.state.setMeta('nextDemandIuv', base + 1);
  const due = new Date(ctx.clock.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    fiscalCode: fc,
    noticeNumber: notice,
    label: `spontaneous payment, service ${r.idSoggettoServizio}`,
    companyName: d.companyName,
    ...(d.provider.officeName !== undefined ? { officeName: d.provider.officeName } : {}),
    paymentDescription: d.provider.paymentDescription,
    dueDate: due,
    creditorReferenceId: creditorReferenceId(notice),
    printedAmountCents: d.transfers.reduce((s, t) => s + t.amountCents, 0),
    transfers: d.transfers,
    status: 'payable',
    standin: false,
    allCCP: false,
    tokens: [],
    origin: 'demand',
    demand: {
      idSoggettoServizio: r.idSoggettoServizio,
      datiSpecificiServizio: d.datiSpecificiServizio,
      ...(d.subject !== undefined ? { subject: d.subject } : {}),
    },
  };
}
