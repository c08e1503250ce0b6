/**
 * The node client's configuration: checked once at construction, defaults filled in, and a
 * redacted view for anything that prints or serialises it (password and subscription key never
 * appear; the endpoint loses user info and query values, where APIM keys can also hide).
 */
import type { Primitive } from '../protocol/primitives';
import { ST } from '../protocol/simple-types';
import { NodeConfigInvalid } from './errors';

/** The timeout settings: V2 primitives share their v1's. */
export type TimeoutGroup =
  | 'verifyPaymentNotice'
  | 'activatePaymentNotice'
  | 'sendPaymentOutcome'
  | 'verificaBollettino'
  | 'demandPaymentNotice'
  | 'nodoChiediCatalogoServiziV2';

/** pagoPA's minimum waits (SANP quality indicators): 12 s for synchronous calls, 15 s outcome and catalogue. */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<TimeoutGroup, number>> = {
  verifyPaymentNotice: 12_000,
  activatePaymentNotice: 12_000,
  verificaBollettino: 12_000,
  demandPaymentNotice: 12_000,
  sendPaymentOutcome: 15_000,
  nodoChiediCatalogoServiziV2: 15_000,
};

export function timeoutGroup(primitive: Primitive): TimeoutGroup {
  switch (primitive) {
    case 'activatePaymentNoticeV2':
      return 'activatePaymentNotice';
    case 'sendPaymentOutcomeV2':
      return 'sendPaymentOutcome';
    default:
      return primitive;
  }
}

/** One request/answer exchange, for diagnostics and journals. Never holds the password or key. */
export interface NodeExchange {
  primitive: Primitive;
  soapAction: string;
  /** the request envelope with `<password>` masked; it may hold payer data (personal data) */
  request: string;
  requestBytes: number;
  status?: number;
  response?: string;
  responseBytes?: number;
  /** wall-clock duration of the exchange */
  ms: number;
  /** the typed error's code (and reason) when the call failed */
  error?: { code: string; reason?: string };
}

export interface NodeClientConfig {
  /** http or https URL of node-for-psp, e.g. https://api.uat.platform.pagopa.it/nodo-auth/node-for-psp/v1 */
  endpoint: string;
  /** APIM key, sent as Ocp-Apim-Subscription-Key */
  subscriptionKey: string;
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  password: string;
  /** prefix of idempotency keys (pagoPA: the PSP's fiscal code); defaults to idBrokerPSP */
  pspFiscalCode?: string;
  timeoutsMs?: Partial<Record<TimeoutGroup, number>>;
  /** extra CA certificates (PEM) trusted for an https endpoint, for test or private deployments */
  ca?: string | string[];
  /** answers larger than this are refused (default 8 MiB) */
  maxResponseBytes?: number;
  /** called once per exchange, synchronously, before the call settles; its errors are ignored */
  onExchange?: (e: NodeExchange) => void;
}

export interface ResolvedConfig {
  endpoint: URL;
  subscriptionKey: string;
  credentials: { idPSP: string; idBrokerPSP: string; idChannel: string; password: string };
  keyPrefix: string;
  timeoutsMs: Record<TimeoutGroup, number>;
  ca?: string[];
  maxResponseBytes: number;
  onExchange?: (e: NodeExchange) => void;
}

const text = (field: string, value: unknown, test: (v: string) => boolean, rule: string): string => {
  if (typeof value !== 'string' || !test(value)) throw new NodeConfigInvalid(field, rule);
  return value;
};

/** Header values cannot carry control characters; printable ASCII is what APIM issues. */
const HEADER_SAFE = /^[\x21-\x7E]+$/;

export function resolveConfig(c: NodeClientConfig): ResolvedConfig {
  if (c === null || typeof c !== 'object') throw new NodeConfigInvalid('config', 'must be an object');
  let endpoint: URL;
  try {
    endpoint = new URL(String(c.endpoint));
  } catch {
    throw new NodeConfigInvalid('endpoint', 'must be an absolute http(s) URL');
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new NodeConfigInvalid('endpoint', 'must use http or https');
  if (endpoint.username || endpoint.password) throw new NodeConfigInvalid('endpoint', 'must not carry user info');
  const credentials = {
    idPSP: text('idPSP', c.idPSP, ST.idPSP.test, ST.idPSP.name),
    idBrokerPSP: text('idBrokerPSP', c.idBrokerPSP, ST.idBroker.test, ST.idBroker.name),
    idChannel: text('idChannel', c.idChannel, ST.idChannel.test, ST.idChannel.name),
    password: text('password', c.password, ST.password.test, ST.password.name),
  };
  const subscriptionKey = text('subscriptionKey', c.subscriptionKey, (v) => HEADER_SAFE.test(v), 'must be non-empty printable ASCII');
  const keyPrefix = c.pspFiscalCode ?? c.idBrokerPSP;
  if (c.pspFiscalCode !== undefined)
    text('pspFiscalCode', c.pspFiscalCode, (v) => /^[a-zA-Z0-9]{2,18}$/.test(v), 'must be 2-18 letters or digits');
  const timeoutsMs = { ...DEFAULT_TIMEOUTS_MS };
  for (const [k, v] of Object.entries(c.timeoutsMs ?? {})) {
    if (!(k in DEFAULT_TIMEOUTS_MS)) throw new NodeConfigInvalid(`timeoutsMs.${k}`, 'is not a primitive with a timeout');
    if (v === undefined) continue;
    if (!Number.isSafeInteger(v) || v < 1 || v > 600_000)
      throw new NodeConfigInvalid(`timeoutsMs.${k}`, 'must be whole milliseconds in 1..600000');
    timeoutsMs[k as TimeoutGroup] = v;
  }
  const maxResponseBytes = c.maxResponseBytes ?? 8 * 1024 * 1024;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1024)
    throw new NodeConfigInvalid('maxResponseBytes', 'must be an integer >= 1024');
  if (c.onExchange !== undefined && typeof c.onExchange !== 'function') throw new NodeConfigInvalid('onExchange', 'must be a function');
  return {
    endpoint,
    subscriptionKey,
    credentials,
    keyPrefix,
    timeoutsMs,
    ca: c.ca === undefined ? undefined : Array.isArray(c.ca) ? c.ca : [c.ca],
    maxResponseBytes,
    onExchange: c.onExchange,
  };
}

/** The endpoint fit for logs: no user info, query values replaced. */
export function redactEndpoint(url: URL): string {
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  for (const k of [...u.searchParams.keys()]) u.searchParams.set(k, '***');
  return u.href;
}

/** What a technician may see of the configuration. */
export function redactedView(r: ResolvedConfig): Record<string, unknown> {
  return {
    endpoint: redactEndpoint(r.endpoint),
    idPSP: r.credentials.idPSP,
    idBrokerPSP: r.credentials.idBrokerPSP,
    idChannel: r.credentials.idChannel,
    password: '***',
    subscriptionKey: '***',
    timeoutsMs: { ...r.timeoutsMs },
  };
}
