/**
 * `NodeClient`: the typed client of the node's PSP interface. One method per primitive; each
 * adds the channel credentials, sends the SOAP envelope over a keep-alive connection with the
 * primitive's timeout, and returns the typed result or throws one typed error:
 * `RequestInvalid` (nothing sent), `NodeUnreachable` (sent=false), `NodeNoResponse`,
 * `NodeHttpError`, `NodeBadResponse` (sent=true, outcome unknown: resend with the same key),
 * `NodeFault` (the node answered KO: see its classification).
 */
import http from 'node:http';
import https from 'node:https';
import { inspect } from 'node:util';
import { performance } from 'node:perf_hooks';
import { SportelloError } from '../../kernel/errors';
import { encodeRequest } from '../protocol/encode';
import { decodeResponse } from '../protocol/decode';
import { NodeBadResponse, NodeFault, RequestInvalid } from '../protocol/errors';
import { newIdempotencyKey } from '../protocol/idempotency';
import { maskSecrets } from '../protocol/mask';
import type { Primitive } from '../protocol/primitives';
import type { RequestOf, ResultOf } from '../protocol/types';
import {
  redactedView,
  redactEndpoint,
  resolveConfig,
  timeoutGroup,
  type NodeClientConfig,
  type NodeExchange,
  type ResolvedConfig,
} from './config';
import { NodeHttpError } from './errors';
import { postSoap, type HttpAnswer } from './http';

/** Requests whose resend must be recognisable: the caller persists the key before sending. */
export type WithIdempotencyKey<T> = Omit<T, 'idempotencyKey'> & { idempotencyKey: string };

const KEYED: ReadonlySet<Primitive> = new Set([
  'activatePaymentNotice',
  'activatePaymentNoticeV2',
  'sendPaymentOutcome',
  'sendPaymentOutcomeV2',
]);

export class NodeClient {
  readonly #cfg: ResolvedConfig;
  readonly #agent: http.Agent;

  constructor(config: NodeClientConfig) {
    this.#cfg = resolveConfig(config);
    const agentOptions = {
      keepAlive: true,
      keepAliveMsecs: 1_000,
      maxSockets: 16,
      maxFreeSockets: 4,
      // idle pooled sockets close after this, well before gateways drop them silently
      timeout: 30_000,
    };
    this.#agent =
      this.#cfg.endpoint.protocol === 'https:'
        ? new https.Agent({ ...agentOptions, ...(this.#cfg.ca ? { ca: this.#cfg.ca } : {}) })
        : new http.Agent(agentOptions);
  }

  verifyPaymentNotice(request: RequestOf<'verifyPaymentNotice'>): Promise<ResultOf<'verifyPaymentNotice'>> {
    return this.call('verifyPaymentNotice', request);
  }

  activatePaymentNotice(request: WithIdempotencyKey<RequestOf<'activatePaymentNotice'>>): Promise<ResultOf<'activatePaymentNotice'>> {
    return this.call('activatePaymentNotice', request);
  }

  activatePaymentNoticeV2(request: WithIdempotencyKey<RequestOf<'activatePaymentNoticeV2'>>): Promise<ResultOf<'activatePaymentNoticeV2'>> {
    return this.call('activatePaymentNoticeV2', request);
  }

  sendPaymentOutcome(request: WithIdempotencyKey<RequestOf<'sendPaymentOutcome'>>): Promise<ResultOf<'sendPaymentOutcome'>> {
    return this.call('sendPaymentOutcome', request);
  }

  sendPaymentOutcomeV2(request: WithIdempotencyKey<RequestOf<'sendPaymentOutcomeV2'>>): Promise<ResultOf<'sendPaymentOutcomeV2'>> {
    return this.call('sendPaymentOutcomeV2', request);
  }

  verificaBollettino(request: RequestOf<'verificaBollettino'>): Promise<ResultOf<'verificaBollettino'>> {
    return this.call('verificaBollettino', request);
  }

  demandPaymentNotice(request: RequestOf<'demandPaymentNotice'>): Promise<ResultOf<'demandPaymentNotice'>> {
    return this.call('demandPaymentNotice', request);
  }

  nodoChiediCatalogoServiziV2(request: RequestOf<'nodoChiediCatalogoServiziV2'> = {}): Promise<ResultOf<'nodoChiediCatalogoServiziV2'>> {
    return this.call('nodoChiediCatalogoServiziV2', request);
  }

  /** A fresh idempotency key with this PSP's prefix (pspFiscalCode, else idBrokerPSP). */
  newIdempotencyKey(random?: () => string): string {
    return newIdempotencyKey(this.#cfg.keyPrefix, random);
  }

  /** Any primitive by name; activate and outcome calls must carry an idempotency key. */
  async call<P extends Primitive>(primitive: P, request: RequestOf<P>): Promise<ResultOf<P>> {
    if (KEYED.has(primitive) && !(request as { idempotencyKey?: unknown } | null)?.idempotencyKey) {
      throw new RequestInvalid('idempotencyKey', 'present (persisted by the caller before sending)', { primitive });
    }
    const encoded = encodeRequest(primitive, this.#cfg.credentials, request);
    const body = Buffer.from(encoded.envelope, 'utf8');
    const started = performance.now();
    const report = (extra: Partial<NodeExchange>): void =>
      this.#report(primitive, encoded.soapAction, encoded.envelope, body.length, started, extra);

    let answer: HttpAnswer;
    try {
      answer = await postSoap({
        primitive,
        url: this.#cfg.endpoint,
        agent: this.#agent,
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          Accept: 'text/xml, application/xml',
          SOAPAction: encoded.soapAction,
          'Ocp-Apim-Subscription-Key': this.#cfg.subscriptionKey,
          'Content-Length': body.length,
        },
        body,
        timeoutMs: this.#cfg.timeoutsMs[timeoutGroup(primitive)],
        maxResponseBytes: this.#cfg.maxResponseBytes,
        endpointForLogs: redactEndpoint(this.#cfg.endpoint),
      });
    } catch (e) {
      report({ error: errorSummary(e) });
      throw e;
    }
    const seen = { status: answer.status, response: answer.body, responseBytes: answer.bytes };
    try {
      const result = interpret(primitive, answer);
      report(seen);
      return result;
    } catch (e) {
      report({ ...seen, error: errorSummary(e) });
      throw e;
    }
  }

  /** Closes pooled connections; calls in flight finish or fail on their own. */
  close(): void {
    this.#agent.destroy();
  }

  toJSON(): Record<string, unknown> {
    return redactedView(this.#cfg);
  }

  toString(): string {
    return `NodeClient(${JSON.stringify(this.toJSON())})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  #report(
    primitive: Primitive,
    soapAction: string,
    envelope: string,
    requestBytes: number,
    started: number,
    extra: Partial<NodeExchange>,
  ): void {
    const hook = this.#cfg.onExchange;
    if (!hook) return;
    try {
      hook({ primitive, soapAction, request: maskSecrets(envelope), requestBytes, ms: performance.now() - started, ...extra });
    } catch {
      // Diagnostics must never change the outcome of a payment call.
    }
  }
}

/**
 * 2xx: the body is the answer. Other statuses: if the body still is a readable node answer (OK or
 * KO) the node did answer, so it counts; otherwise it is an HTTP error.
 */
function interpret<P extends Primitive>(primitive: P, answer: HttpAnswer): ResultOf<P> {
  if (answer.status >= 200 && answer.status <= 299) return decodeResponse(primitive, answer.body);
  try {
    return decodeResponse(primitive, answer.body);
  } catch (e) {
    if (e instanceof NodeFault) throw e;
    const soapFault =
      e instanceof NodeBadResponse && e.reason === 'soap-fault'
        ? { faultcode: e.details.faultcode, faultstring: e.details.faultstring }
        : {};
    throw new NodeHttpError(primitive, answer.status, soapFault);
  }
}

function errorSummary(e: unknown): { code: string; reason?: string } {
  if (e instanceof SportelloError) {
    const reason = (e as { reason?: unknown }).reason;
    return typeof reason === 'string' ? { code: e.code, reason } : { code: e.code };
  }
  return { code: 'UNEXPECTED' };
}
