/**
 * XML fragments several responses share: the payment option of a verify, and the transfer lists
 * of the v1 and V2 activations (V2 may carry an @e.bollo request instead of an IBAN).
 */
import { centsToAmount } from '../../kernel/money';
import { leaf, node } from '../xml/write';
import { amountOf, type MapEntry, type Position, type Transfer } from '../model';

export function metadataXml(entries: MapEntry[] | undefined): string {
  return node(
    'metadata',
    entries?.map((e) => node('mapEntry', [leaf('key', e.key), leaf('value', e.value)])),
  );
}

/** paymentOptionDescription's children: one option, amount equal to the current amount (EQ). */
export function paymentOption(p: Position): string[] {
  return [
    leaf('amount', centsToAmount(amountOf(p))),
    leaf('options', 'EQ'),
    leaf('dueDate', p.dueDate),
    leaf('paymentNote', p.paymentNote),
  ];
}

export function transferV1(t: Transfer): string {
  return node('transfer', [
    leaf('idTransfer', t.idTransfer),
    leaf('transferAmount', centsToAmount(t.amountCents)),
    leaf('fiscalCodePA', t.fiscalCodePA),
    leaf('IBAN', t.iban),
    leaf('remittanceInformation', t.remittanceInformation),
    metadataXml(t.metadata),
  ]);
}

export function transferV2(t: Transfer): string {
  const bollo = t.marcaDaBollo;
  return node('transfer', [
    leaf('idTransfer', t.idTransfer),
    leaf('transferAmount', centsToAmount(t.amountCents)),
    leaf('fiscalCodePA', t.fiscalCodePA),
    leaf('companyName', t.companyName),
    leaf('IBAN', t.iban),
    node(
      'richiestaMarcaDaBollo',
      bollo && [
        leaf('hashDocumento', bollo.hashDocumento),
        leaf('tipoBollo', bollo.tipoBollo),
        leaf('provinciaResidenza', bollo.provinciaResidenza),
      ],
    ),
    leaf('remittanceInformation', t.remittanceInformation),
    leaf('transferCategory', t.transferCategory),
    metadataXml(t.metadata),
  ]);
}
