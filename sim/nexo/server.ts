/**
 * A nexo card terminal on loopback: the local endpoint (`POST /nexo`, encrypted JSON Sale-to-POI
 * messages) with a small state machine per transaction, scriptable outcomes and faults, and an admin
 * API (`/admin/...`, JSON, no key: keep it on loopback). Used by the driver tests and the demo.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { decrypt, encrypt, type SimKey } from './crypto';
import { parseNexoScript, type NexoSimOutcome } from './script';
import {
  approvedResponse,
  centsToWire,
  declinedResponse,
  failedResponse,
  wireAmountToCents,
  type SimTransaction,
  type TxState,
} from './terminal';

/** How every answer is spoiled: `tamper-hmac` flips the HMAC, `plain` answers without encryption. */
export type Hostility = 'none' | 'tamper-hmac' | 'plain';

export interface NexoSimulatorOptions {
  port?: number;
  host?: string;
  poiId?: string;
  key?: Partial<SimKey>;
  script?: readonly NexoSimOutcome[];
  maxBodyBytes?: number;
  /** Serve https with this key and certificate (PEM), like a real terminal's :8443 endpoint. */
  tls?: { key: string; cert: string };
}

export interface NexoSimLogEntry {
  category: string;
  serviceId: string;
  /** What the simulator did: the outcome for a payment, `rejected-key`, `not-found`, ... */
  result: string;
}

export interface NexoSimulator {
  url: string;
  adminUrl: string;
  poiId: string;
  key: SimKey;
  /** Replaces the queue of next payment outcomes (text like the CLI's `--script`, or parsed). */
  script(outcomes: string | readonly NexoSimOutcome[]): void;
  setHostility(h: Hostility): void;
  /** While offline every request is answered 503 and nothing is processed. */
  setOffline(offline: boolean): void;
  transactions(): SimTransaction[];
  log(): NexoSimLogEntry[];
  /** Resolves when the payment with this reference reaches `state`. */
  waitFor(reference: string, state: TxState): Promise<SimTransaction>;
  /** A card is presented to a `hold` payment: it is approved. */
  release(reference: string): boolean;
  close(): Promise<void>;
}

export const DEFAULT_NEXO_KEY: SimKey = { keyIdentifier: 'SportelloSimKey', keyVersion: 1, passphrase: 'sportello-sim-nexo-passphrase' };

const AMOUNT_LITERAL = /(?<!\\)"(RequestedAmount|AuthorizedAmount|ReversedAmount)"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
const AMOUNT_QUOTED = /(?<!\\)"(RequestedAmount|AuthorizedAmount|ReversedAmount)":"(\d+\.\d{2})"/g;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export async function startNexoSimulator(opts: NexoSimulatorOptions = {}): Promise<NexoSimulator> {
  const key: SimKey = { ...DEFAULT_NEXO_KEY, ...opts.key };
  const poiId = opts.poiId ?? 'V400m-SIM000001';
  const maxBody = opts.maxBodyBytes ?? 256 * 1024;
  let queue: NexoSimOutcome[] = [...(opts.script ?? [])];
  let hostility: Hostility = 'none';
  let offline = false;
  let txSeq = 0;
  const txs: SimTransaction[] = [];
  const entries: NexoSimLogEntry[] = [];
  const waiters: Array<{ reference: string; state: TxState; resolve: (t: SimTransaction) => void }> = [];
  /** Payments waiting for a card (`hold`), with what finishes them. */
  const held = new Map<SimTransaction, (how: 'card' | 'abort') => void>();

  const changed = (tx: SimTransaction) => {
    for (const w of [...waiters]) {
      if (w.reference === tx.reference && w.state === tx.state) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(tx);
      }
    }
  };
  const setState = (tx: SimTransaction, state: TxState) => {
    tx.state = state;
    changed(tx);
  };

  const responseHeader = (h: Json) => ({
    ProtocolVersion: '3.0',
    MessageClass: str(h.MessageClass) || 'Service',
    MessageCategory: str(h.MessageCategory),
    MessageType: 'Response',
    SaleID: str(h.SaleID),
    ServiceID: str(h.ServiceID),
    POIID: poiId,
  });

  /** The encrypted answer body, amounts back to number literals, spoiled if the admin said so. */
  const seal = (header: Json, body: Json): string => {
    const plaintext = JSON.stringify({ SaleToPOIResponse: { MessageHeader: header, ...body } }).replace(
      AMOUNT_QUOTED,
      (_a, k: string, v: string) => `"${k}":${v}`,
    );
    if (hostility === 'plain') return plaintext;
    const secured = encrypt(header, plaintext, key);
    if (hostility === 'tamper-hmac') {
      const mac = Buffer.from(String(secured.SecurityTrailer.Hmac), 'base64');
      mac[0] = mac[0]! ^ 0xff;
      secured.SecurityTrailer.Hmac = mac.toString('base64');
    }
    return JSON.stringify({ SaleToPOIResponse: secured });
  };

  const send = (res: ServerResponse, status: number, body: string) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const nextOutcome = (): NexoSimOutcome => queue.shift() ?? { kind: 'approve' };

  const finishPayment = (tx: SimTransaction, outcome: NexoSimOutcome, amountCents: number) => {
    switch (outcome.kind) {
      case 'approve':
      case 'lost':
      case 'slow':
      case 'hold':
      case 'garbage':
        tx.response = approvedResponse(tx, poiId, tx.amountText);
        tx.approved = true;
        break;
      case 'other-amount':
        tx.response = approvedResponse(tx, poiId, centsToWire(amountCents + 100));
        tx.approved = true;
        break;
      case 'other-transaction':
        tx.response = approvedResponse(tx, poiId, tx.amountText, true);
        tx.approved = true;
        break;
      case 'decline':
        tx.response = declinedResponse(tx, outcome.reason);
        break;
      case 'timeout':
        tx.response = failedResponse(tx, 'Cancel', 'message=Timeout%20waiting%20for%20the%20card');
        break;
      case 'customer-cancel':
        tx.response = failedResponse(tx, 'Cancel', 'message=Cancelled%20by%20the%20customer');
        break;
      case 'busy':
      case 'offline':
      case 'drop':
        break;
      default: {
        const never: never = outcome;
        throw new Error(`unhandled outcome ${JSON.stringify(never)}`);
      }
    }
    setState(tx, 'done');
  };

  async function payment(h: Json, body: Json, raw: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const outcome = nextOutcome();
    const header = responseHeader(h);
    const saleData = obj(body.SaleData);
    const reference = str(obj(saleData.SaleTransactionID).TransactionID);
    const amountText = /"RequestedAmount":"([^"]*)"/.exec(raw)?.[1] ?? '';
    const amountCents = wireAmountToCents(amountText);
    entries.push({ category: 'Payment', serviceId: header.ServiceID, result: outcome.kind });
    if (outcome.kind === 'offline') return send(res, 503, '{"error":"service unavailable"}');
    if (outcome.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const busy = txs.some((t) => t.state !== 'done');
    const tx: SimTransaction = {
      saleId: header.SaleID,
      serviceId: header.ServiceID,
      reference,
      amountText,
      outcome: outcome.kind,
      state: 'waiting-card',
      poiTransactionId: `SIM${String(++txSeq).padStart(6, '0')}`,
      timeStamp: new Date().toISOString(),
      response: null,
      approved: false,
      reversed: false,
    };
    if (busy || outcome.kind === 'busy' || amountCents === null || reference === '') {
      const why =
        amountCents === null || reference === '' ? ['MessageFormat', 'message=Bad%20amount%20or%20reference'] : ['Busy', 'message=Busy'];
      return send(res, 200, seal(header, { PaymentResponse: failedResponse(tx, why[0]!, why[1]!) }));
    }
    txs.push(tx);
    changed(tx);
    if (outcome.kind === 'hold') {
      const how = await new Promise<'card' | 'abort'>((resolve) => held.set(tx, resolve));
      held.delete(tx);
      if (how === 'abort') {
        tx.response = failedResponse(tx, 'Aborted', 'message=Aborted%20by%20the%20sale%20system');
        setState(tx, 'done');
        return send(res, 200, seal(header, { PaymentResponse: tx.response }));
      }
    }
    setState(tx, 'processing');
    if (outcome.kind === 'slow') await new Promise((r) => setTimeout(r, outcome.ms));
    finishPayment(tx, outcome, amountCents);
    if (outcome.kind === 'lost') {
      // processed, then the answer never leaves: the connection is reset
      req.socket.destroy();
      return;
    }
    if (outcome.kind === 'garbage') return send(res, 200, '<html>internal error</html>');
    send(res, 200, seal(header, { PaymentResponse: tx.response! }));
  }

  function status(h: Json, body: Json): string {
    const header = responseHeader(h);
    const ref = body.MessageReference === undefined ? null : obj(body.MessageReference);
    const tx = ref ? txs.find((t) => t.saleId === str(ref.SaleID) && t.serviceId === str(ref.ServiceID)) : txs[txs.length - 1];
    const fail = (condition: string) =>
      seal(header, { TransactionStatusResponse: { Response: { Result: 'Failure', ErrorCondition: condition } } });
    if (!tx) {
      entries.push({ category: 'TransactionStatus', serviceId: header.ServiceID, result: 'not-found' });
      return fail('NotFound');
    }
    if (tx.state !== 'done' || !tx.response) {
      entries.push({ category: 'TransactionStatus', serviceId: header.ServiceID, result: 'in-progress' });
      return fail('InProgress');
    }
    entries.push({ category: 'TransactionStatus', serviceId: header.ServiceID, result: 'found' });
    return seal(header, {
      TransactionStatusResponse: {
        Response: { Result: 'Success' },
        MessageReference: { MessageCategory: 'Payment', SaleID: tx.saleId, ServiceID: tx.serviceId },
        RepeatedMessageResponse: {
          MessageHeader: { ...responseHeader({ MessageCategory: 'Payment', SaleID: tx.saleId, ServiceID: tx.serviceId }) },
          RepeatedResponseMessageBody: { PaymentResponse: tx.response },
        },
      },
    });
  }

  function abort(h: Json, body: Json): void {
    const ref = obj(body.MessageReference);
    const tx = txs.find((t) => t.saleId === str(ref.SaleID) && t.serviceId === str(ref.ServiceID));
    const finish = tx ? held.get(tx) : undefined;
    entries.push({ category: 'Abort', serviceId: str(h.ServiceID), result: finish ? 'aborted' : 'too-late' });
    // Only a payment still waiting for a card can be aborted; past the card the answer has to come.
    finish?.('abort');
  }

  function reversal(h: Json, body: Json): string {
    const header = responseHeader(h);
    const original = obj(obj(body.OriginalPOITransaction).POITransactionID);
    const tx = txs.find((t) => t.poiTransactionId === str(original.TransactionID));
    const answer = (result: Json) => seal(header, { ReversalResponse: { Response: result } });
    if (!tx) {
      entries.push({ category: 'Reversal', serviceId: header.ServiceID, result: 'not-found' });
      return answer({ Result: 'Failure', ErrorCondition: 'NotFound' });
    }
    if (!tx.approved) {
      entries.push({ category: 'Reversal', serviceId: header.ServiceID, result: 'not-allowed' });
      return answer({ Result: 'Failure', ErrorCondition: 'NotAllowed', AdditionalResponse: 'message=Not%20approved' });
    }
    tx.reversed = true;
    entries.push({ category: 'Reversal', serviceId: header.ServiceID, result: 'reversed' });
    return seal(header, {
      ReversalResponse: {
        Response: { Result: 'Success' },
        ReversedAmount: tx.amountText,
        POIData: { POITransactionID: { TransactionID: tx.poiTransactionId, TimeStamp: tx.timeStamp } },
      },
    });
  }

  async function nexo(req: IncomingMessage, res: ServerResponse, text: string): Promise<void> {
    if (offline) return send(res, 503, '{"error":"service unavailable"}');
    let outer: unknown;
    try {
      outer = obj(JSON.parse(text)).SaleToPOIRequest;
    } catch {
      return send(res, 400, '{"error":"not JSON"}');
    }
    const plaintext = decrypt(outer, key);
    if (plaintext === null) {
      // Like a terminal: a plain event saying the message could not be opened. Nothing is processed.
      const h = obj(obj(outer).MessageHeader);
      entries.push({ category: str(h.MessageCategory), serviceId: str(h.ServiceID), result: 'rejected-key' });
      return send(
        res,
        200,
        JSON.stringify({
          SaleToPOIRequest: {
            MessageHeader: {
              ProtocolVersion: '3.0',
              MessageClass: 'Event',
              MessageCategory: 'Event',
              MessageType: 'Notification',
              POIID: poiId,
            },
            EventNotification: {
              EventToNotify: 'Reject',
              EventDetails: 'message=Crypto%20error%3A%20cannot%20open%20the%20message',
              TimeStamp: new Date().toISOString(),
            },
          },
        }),
      );
    }
    const quoted = plaintext.replace(AMOUNT_LITERAL, (_a, k: string, v: string) => `"${k}":"${v}"`);
    const msg = obj(obj(JSON.parse(quoted)).SaleToPOIRequest);
    const h = obj(msg.MessageHeader);
    switch (str(h.MessageCategory)) {
      case 'Payment':
        return payment(h, obj(msg.PaymentRequest), quoted, req, res);
      case 'TransactionStatus':
        return send(res, 200, status(h, obj(msg.TransactionStatusRequest)));
      case 'Abort':
        abort(h, obj(msg.AbortRequest));
        return send(res, 200, '');
      case 'Reversal':
        return send(res, 200, reversal(h, obj(msg.ReversalRequest)));
      default:
        entries.push({ category: str(h.MessageCategory), serviceId: str(h.ServiceID), result: 'unsupported' });
        return send(
          res,
          200,
          seal(responseHeader(h), { EventNotification: { EventToNotify: 'Reject', EventDetails: 'message=Unsupported' } }),
        );
    }
  }

  function admin(path: string, method: string, text: string, res: ServerResponse): void {
    const json = (status: number, body: unknown) => send(res, status, JSON.stringify(body));
    try {
      const body = text ? obj(JSON.parse(text)) : {};
      if (path === '/admin/transactions' && method === 'GET') return json(200, { transactions: txs, log: entries });
      if (path === '/admin/script' && method === 'POST') {
        queue = parseNexoScript(str(body.script));
        return json(200, { queued: queue.length });
      }
      if (path === '/admin/hostility' && method === 'POST') {
        const mode = str(body.mode);
        if (mode !== 'none' && mode !== 'tamper-hmac' && mode !== 'plain') return json(400, { error: 'mode: none, tamper-hmac or plain' });
        hostility = mode;
        return json(200, { hostility });
      }
      if (path === '/admin/offline' && method === 'POST') {
        offline = body.offline === true;
        return json(200, { offline });
      }
      if (path === '/admin/release' && method === 'POST') return json(200, { released: release(str(body.reference)) });
      return json(404, { error: 'no such admin call' });
    } catch (e) {
      return json(400, { error: (e as Error).message });
    }
  }

  function release(reference: string): boolean {
    const tx = txs.find((t) => t.reference === reference && held.has(t));
    if (!tx) return false;
    held.get(tx)!('card');
    return true;
  }

  const handler: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBody) chunks.push(c);
    });
    req.on('end', () => {
      if (size > maxBody) return send(res, 413, '{"error":"too large"}');
      const text = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.startsWith('/admin/')) return admin(path, req.method ?? 'GET', text, res);
      if (path !== '/nexo') return send(res, 404, '{"error":"not found"}');
      if (req.method !== 'POST') return send(res, 405, '{"error":"POST only"}');
      nexo(req, res, text).catch((e: unknown) => send(res, 500, JSON.stringify({ error: (e as Error).message })));
    });
  };
  const server: Server = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createServer(handler);
  // Every connection, so close() ends them all (a client may hold one that never sent a request).
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const origin = `${opts.tls ? 'https' : 'http'}://${host}:${addr.port}`;

  return {
    url: `${origin}/nexo`,
    adminUrl: `${origin}/admin`,
    poiId,
    key,
    script(outcomes) {
      queue = typeof outcomes === 'string' ? parseNexoScript(outcomes) : [...outcomes];
    },
    setHostility(h) {
      hostility = h;
    },
    setOffline(o) {
      offline = o;
    },
    transactions: () => txs.map((t) => ({ ...t })),
    log: () => entries.map((e) => ({ ...e })),
    waitFor(reference, state) {
      const tx = txs.find((t) => t.reference === reference && t.state === state);
      if (tx) return Promise.resolve(tx);
      return new Promise((resolve) => waiters.push({ reference, state, resolve }));
    },
    release,
    async close() {
      for (const finish of held.values()) finish('abort');
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
