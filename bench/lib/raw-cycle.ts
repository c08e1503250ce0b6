/**
 * The bare-HTTP payment cycle, the baseline of `bench:protocol` and of figure 2: verify, activate
 * and outcome as pre-built envelope bytes POSTed over a keep-alive agent, answers kept as bytes, no
 * parsing and no persistence. The only work inside the timed part is copying the 32-byte
 * paymentToken from the activation's answer into the outcome envelope: without it the outcome
 * would be refused (PPT_TOKEN_SCONOSCIUTO) and take a cheaper path in the simulator.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { encodeRequest, newIdempotencyKey, type NodeCredentials, type OutcomeDetailsV2, type QrCode } from '../../main/protocol';
import type { Simulator } from '../../sim/simulator';
import { rawPost } from './raw-http';

/** Stands in the outcome envelope for the token the activation hands out (same length: 32). */
const TOKEN_SLOT = 'TOKENSLOTTOKENSLOTTOKENSLOTTOKEN';

export interface RawRequest {
  headers: Record<string, string | number>;
  body: Buffer;
}

export interface RawCycle {
  verify: RawRequest;
  activate: RawRequest;
  outcome: RawRequest;
  tokenOffset: number;
}

export function credentialsOf(sim: Simulator): NodeCredentials {
  const { idPSP, idBrokerPSP, idChannel, password } = sim.credentials;
  return { idPSP, idBrokerPSP, idChannel, password };
}

/** The three envelopes of a cycle per notice, encoded before any clock starts. */
export function prebuildRawCycles(sim: Simulator, notices: readonly QrCode[], amountCents: number, details: OutcomeDetailsV2): RawCycle[] {
  const creds = credentialsOf(sim);
  const key = () => newIdempotencyKey(sim.credentials.idBrokerPSP);
  const request = (enc: { soapAction: string; envelope: string }): RawRequest => {
    const body = Buffer.from(enc.envelope, 'utf8');
    return {
      body,
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        Accept: 'text/xml, application/xml',
        SOAPAction: enc.soapAction,
        'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey,
        'Content-Length': body.length,
      },
    };
  };
  return notices.map((qrCode) => {
    const outcome = request(
      encodeRequest('sendPaymentOutcomeV2', creds, { idempotencyKey: key(), paymentTokens: [TOKEN_SLOT], outcome: 'OK', details }),
    );
    return {
      verify: request(encodeRequest('verifyPaymentNotice', creds, { qrCode })),
      activate: request(encodeRequest('activatePaymentNoticeV2', creds, { idempotencyKey: key(), qrCode, amount: amountCents })),
      outcome,
      tokenOffset: outcome.body.indexOf(TOKEN_SLOT),
    };
  });
}

/** One cycle; returns [verify, activate, outcome, whole] in ms. */
export async function runRawCycle(agent: http.Agent, url: URL, c: RawCycle): Promise<[number, number, number, number]> {
  const t0 = performance.now();
  await rawPost(agent, url, c.verify.headers, c.verify.body);
  const t1 = performance.now();
  const activated = await rawPost(agent, url, c.activate.headers, c.activate.body);
  const open = activated.body.indexOf('<paymentToken>') + '<paymentToken>'.length;
  activated.body.copy(c.outcome.body, c.tokenOffset, open, open + TOKEN_SLOT.length);
  const t2 = performance.now();
  await rawPost(agent, url, c.outcome.headers, c.outcome.body);
  const t3 = performance.now();
  return [t1 - t0, t2 - t1, t3 - t2, t3 - t0];
}
