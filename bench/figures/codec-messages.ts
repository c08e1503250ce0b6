/**
 * Figure 1's messages: for each primitive, the request as sportello's codec takes it, the same
 * request as the `soap` package takes it (the XSD's element tree, children in sequence order,
 * amounts as the decimal strings the wire carries), and the simulator's real answer to it.
 */
import {
  centsToAmount,
  decodeResponse,
  newIdempotencyKey,
  type NodeCredentials,
  type Primitive,
  type RequestOf,
} from '../../main/protocol';
import type { Simulator } from '../../sim/simulator';
import { rawAgent, rawPost } from '../lib/raw-http';

export interface CodecMessage<P extends Primitive = Primitive> {
  primitive: P;
  request: RequestOf<P>;
  /** The same request as the soap package's argument object. */
  soapArgs: Record<string, unknown>;
  /** The simulator's answer, as it came over HTTP. */
  response: string;
}

/** The seed's creditor, its Poste account and notice, and its CIE service (sim/seed/default.json). */
const CF = '77777777777';
const POSTAL = { ccPost: '001234567890', noticeNumber: '301020250000001038' };
const CIE_RENEWAL =
  '<cie:pagamentoCIE xmlns:cie="http://PuntoAccessoPSP.spcoop.gov.it/pagamentoCIE">' +
  '<cie:codiceCausale>10</cie:codiceCausale><cie:codiceFiscaleComune>77777777777</cie:codiceFiscaleComune>' +
  '<cie:intestatario><cie:codiceFiscaleIntestatario>BNCGLI85C41F205X</cie:codiceFiscaleIntestatario>' +
  '<cie:denominazioneIntestatario>Giulia Bianchi</cie:denominazioneIntestatario></cie:intestatario></cie:pagamentoCIE>';
const TRANSFERS = [
  { amountCents: 8000, iban: 'IT60X0542811101000000123456', remittanceInformation: 'TARI quota comunale' },
  { amountCents: 400, fiscalCodePA: '55555555555', iban: 'IT40S0542811101000000654321', remittanceInformation: 'TEFA' },
  { amountCents: 1500, fiscalCodePA: '66666666666', iban: 'IT02L1234512345123456789012', remittanceInformation: 'Addizionale regionale' },
];
const TOTAL = TRANSFERS.reduce((s, t) => s + t.amountCents, 0);

export function credentialsOf(sim: Simulator): NodeCredentials {
  const { idPSP, idBrokerPSP, idChannel, password } = sim.credentials;
  return { idPSP, idBrokerPSP, idChannel, password };
}

const soapCredentials = (c: NodeCredentials) => ({
  idPSP: c.idPSP,
  idBrokerPSP: c.idBrokerPSP,
  idChannel: c.idChannel,
  password: c.password,
});

function freshPosition(sim: Simulator): { fiscalCode: string; noticeNumber: string } {
  const p = sim.addPosition({
    fiscalCode: CF,
    companyName: 'Comune di Borgo Esempio',
    paymentDescription: 'TARI benchmark',
    transfers: TRANSFERS,
  });
  return { fiscalCode: p.fiscalCode, noticeNumber: p.noticeNumber };
}

/**
 * Sends each message once, as the envelope the soap package builds for it (so the simulator's XSD
 * check proves soap's envelope valid), and keeps the answer; sportello reads every answer to go on
 * (the activation's token feeds the outcome, the catalogue's provider the demand).
 */
export async function captureMessages(
  sim: Simulator,
  soapEnvelope: (primitive: Primitive, args: Record<string, unknown>) => string,
): Promise<CodecMessage[]> {
  const agent = rawAgent();
  const url = new URL(sim.url);
  const out: CodecMessage[] = [];
  async function call<P extends Primitive>(primitive: P, request: RequestOf<P>, soapArgs: Record<string, unknown>) {
    const body = Buffer.from(soapEnvelope(primitive, soapArgs), 'utf8');
    const answer = await rawPost(
      agent,
      url,
      {
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: `"${primitive}"`,
        'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey,
        'Content-Length': body.length,
      },
      body,
    );
    const response = answer.body.toString('utf8');
    // A KO (an XSD refusal of soap's envelope included) throws here and stops the figure.
    const result = decodeResponse(primitive, response);
    out.push({ primitive, request, soapArgs, response } as CodecMessage);
    return result;
  }
  // Keys with the broker's prefix, as the client makes them when no PSP fiscal code is configured.
  const node = { newIdempotencyKey: () => newIdempotencyKey(sim.credentials.idBrokerPSP) };
  const creds = credentialsOf(sim);
  const today = new Date().toISOString().slice(0, 10);
  try {
    const qr3 = freshPosition(sim);
    await call('verifyPaymentNotice', { qrCode: qr3 }, { ...soapCredentials(creds), qrCode: qr3 });

    const keyV2 = node.newIdempotencyKey();
    const v2 = await call(
      'activatePaymentNoticeV2',
      { idempotencyKey: keyV2, qrCode: qr3, expirationTime: 900_000, amount: TOTAL, paymentMethod: 'PO', touchPoint: 'PSP' },
      {
        ...soapCredentials(creds),
        idempotencyKey: keyV2,
        qrCode: qr3,
        expirationTime: 900_000,
        amount: centsToAmount(TOTAL),
        paymentMethod: 'PO',
        touchPoint: 'PSP',
      },
    );

    const details = {
      paymentMethod: 'cash' as const,
      paymentChannel: 'frontOffice' as const,
      fee: 150,
      applicationDate: today,
      transferDate: today,
    };
    const soapDetails = {
      paymentMethod: 'cash',
      paymentChannel: 'frontOffice',
      fee: centsToAmount(150),
      applicationDate: today,
      transferDate: today,
    };
    const outV2 = node.newIdempotencyKey();
    await call(
      'sendPaymentOutcomeV2',
      { idempotencyKey: outV2, paymentTokens: [v2.paymentToken], outcome: 'OK', details },
      {
        ...soapCredentials(creds),
        idempotencyKey: outV2,
        paymentTokens: { paymentToken: [v2.paymentToken] },
        outcome: 'OK',
        details: soapDetails,
      },
    );

    const qr1 = freshPosition(sim);
    const keyV1 = node.newIdempotencyKey();
    const v1 = await call(
      'activatePaymentNotice',
      { idempotencyKey: keyV1, qrCode: qr1, expirationTime: 900_000, amount: TOTAL },
      {
        ...soapCredentials(creds),
        idempotencyKey: keyV1,
        qrCode: qr1,
        expirationTime: 900_000,
        amount: centsToAmount(TOTAL),
      },
    );
    const outV1 = node.newIdempotencyKey();
    await call(
      'sendPaymentOutcome',
      { idempotencyKey: outV1, paymentToken: v1.paymentToken, outcome: 'OK', details },
      {
        ...soapCredentials(creds),
        idempotencyKey: outV1,
        paymentToken: v1.paymentToken,
        outcome: 'OK',
        details: soapDetails,
      },
    );

    await call('verificaBollettino', POSTAL, { ...soapCredentials(creds), ...POSTAL });

    const catalogue = await call(
      'nodoChiediCatalogoServiziV2',
      { identificativoDominio: CF },
      {
        identificativoPSP: creds.idPSP,
        identificativoIntermediarioPSP: creds.idBrokerPSP,
        identificativoCanale: creds.idChannel,
        password: creds.password,
        identificativoDominio: CF,
      },
    );
    const provider = catalogue.servizi.find((s) => s.xsdRiferimento === 'Cie_1_0_0.xsd')?.soggettiEroganti.find((p) => p.idDominio === CF);
    if (!provider) throw new Error('the seed offers no CIE service for the creditor: the demandPaymentNotice message cannot be built');
    await call(
      'demandPaymentNotice',
      { idSoggettoServizio: provider.idSoggettoServizio, datiSpecificiServizio: CIE_RENEWAL },
      {
        ...soapCredentials(creds),
        idSoggettoServizio: provider.idSoggettoServizio,
        datiSpecificiServizio: Buffer.from(CIE_RENEWAL, 'utf8').toString('base64'),
      },
    );
  } finally {
    agent.destroy();
  }
  return out;
}
