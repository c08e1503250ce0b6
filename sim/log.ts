/**
 * Every SOAP request the simulator received, in order, with its key fields and what happened to
 * it (the answer's outcome/faultCode, an HTTP status, or the fault injected). Never a password.
 * Kept in memory, newest `limit` entries.
 */
import type { Operation } from './operations';

export interface RequestKeys {
  idPSP?: string;
  idChannel?: string;
  fiscalCode?: string;
  noticeNumber?: string;
  idempotencyKey?: string;
  paymentTokens?: string[];
  outcome?: 'OK' | 'KO';
  amount?: string;
  ccPost?: string;
  idSoggettoServizio?: string;
}

export type InjectedFault =
  | 'latency'
  | 'refuse'
  | 'drop-response'
  | 'http500'
  | 'http503'
  | 'system-error'
  | 'outage'
  | 'node-fault'
  | 'fault-after-handling'
  | 'wrong-amount'
  | 'bad-token'
  | 'repeat-token';

export interface LogEntry {
  seq: number;
  /** simulated time the request arrived, ISO 8601 */
  at: string;
  soapAction?: string;
  operation?: Operation;
  request?: RequestKeys;
  /** HTTP status sent; absent when the connection was dropped without an answer */
  httpStatus?: number;
  /** outcome of the SOAP answer, when there was one */
  outcome?: 'OK' | 'KO';
  faultCode?: string;
  description?: string;
  /** the paymentToken an activation handed out */
  paymentToken?: string;
  /** the answer was an idempotent replay of an earlier one */
  replayed?: boolean;
  injected?: InjectedFault[];
  latencyMs?: number;
}

export class RequestLog {
  private items: LogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  /** Opens an entry; the caller fills it in as the request proceeds. */
  open(at: number, soapAction: string | undefined): LogEntry {
    const entry: LogEntry = { seq: ++this.seq, at: new Date(at).toISOString(), ...(soapAction !== undefined ? { soapAction } : {}) };
    this.items.push(entry);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    return entry;
  }

  entries(sinceSeq = 0): LogEntry[] {
    return this.items.filter((e) => e.seq > sinceSeq).map((e) => structuredClone(e));
  }

  clear(): void {
    this.items = [];
  }
}
