/**
 * The contract served in process: `createCoreApi(core)` gives the typed client the CLI and tests
 * use directly and every transport (loopback server, Electron IPC) wraps. Each call is parsed with
 * its request schema, run, and its answer parsed with its response schema; whatever happens, the
 * caller gets a CallResult. Events come from the engine, the outbox and the node watch, each
 * payload parsed with its schema before any listener sees it.
 */
import type { Core } from '../core/core';
import type { SessionState } from '../engine';
import { CALLS, isCallName } from './calls';
import type { CallName, RequestOf, ResponseOf } from './calls';
import type { ContractClient } from './client';
import { EVENTS } from './events';
import type { DeviceStatus, EventName, EventPayload, OutboxStatus } from './events';
import { certificateHandlers } from './handlers/certificates';
import { kioskHandlers } from './handlers/kiosk';
import { recordHandlers } from './handlers/records';
import { sessionHandlers } from './handlers/session';
import { shiftHandlers } from './handlers/shifts';
import { systemHandlers } from './handlers/system';
import { technicianHandlers } from './handlers/technician';
import type { HandlerContext, HandlerOf, Handlers } from './handlers/types';
import { NodeWatch, observeNodeCalls } from './node-watch';
import { outboxStatus } from './outbox-view';
import { CONTRACT_CODES, fail, ok, requestInvalid, toContractError } from './result';
import type { CallResult } from './result';
import { secretScrubber } from './secrets';

export interface CoreApi extends ContractClient {
  /** The untyped entry the transports use: any name, any request, a CallResult always. */
  dispatch(name: unknown, request: unknown): Promise<CallResult<unknown>>;
  /** Every event, for transports that forward them all. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void;
  /** The device manager reports here until it has its own place in the core. */
  publishDevices(status: DeviceStatus): void;
  /** Stops listening to the core (the core itself is closed by whoever started it). */
  close(): void;
}

type Listener = (event: EventName, payload: unknown) => void;

export function createCoreApi(core: Core): CoreApi {
  const listeners = new Set<Listener>();
  const scrub = secretScrubber([core.config.node.password, core.config.node.subscriptionKey]);

  const emit = (event: EventName, payload: unknown): void => {
    const parsed = EVENTS[event].safeParse(payload);
    if (!parsed.success) {
      // A bug in the core, not something a client can fix: say where, never what (it may be personal data).
      console.error(`contract: event ${event} dropped: ${requestInvalid(parsed.error).message}`);
      return;
    }
    for (const fn of [...listeners]) {
      try {
        fn(event, parsed.data);
      } catch (e) {
        console.error(`contract: a listener of ${event} failed: ${toContractError(e, scrub).message}`);
      }
    }
  };

  let lastOutbox = '';
  let outboxQueued = false;
  /** Coalesces a burst of outbox moves into one status, and sends it only when it changed. */
  const outboxChanged = (): void => {
    if (outboxQueued) return;
    outboxQueued = true;
    setImmediate(() => {
      outboxQueued = false;
      let status: OutboxStatus;
      try {
        status = outboxStatus(core.db);
      } catch {
        return; // the database is closing: nothing to report
      }
      const text = JSON.stringify(status);
      if (text === lastOutbox) return;
      lastOutbox = text;
      emit('outbox.status', status);
    });
  };

  const nodeWatch = new NodeWatch(core.engine.now, (s) => emit('node.status', s));
  let devices: DeviceStatus = { scanners: [], printers: [] };
  const ctx: HandlerContext = { core, nodeWatch, devices: () => devices, outboxChanged, startedAt: new Date().toISOString() };
  const handlers: Handlers = { ...sessionHandlers(ctx), ...recordHandlers(ctx), ...systemHandlers(ctx), ...kioskHandlers(ctx), ...technicianHandlers(ctx), ...shiftHandlers(ctx), ...certificateHandlers(ctx) };

  const onSession = (s: SessionState) => emit('session.updated', s);
  core.engine.on('session', onSession);
  core.engine.on('outbox-changed', outboxChanged);
  const unobserve = observeNodeCalls(core.node, (o) => nodeWatch.observe(o));

  async function dispatch(name: unknown, request: unknown): Promise<CallResult<unknown>> {
    if (!isCallName(name)) {
      return fail({ code: CONTRACT_CODES.callUnknown, message: `no call named ${JSON.stringify(String(name).slice(0, 64))}` });
    }
    const spec = CALLS[name];
    const parsed = spec.request.safeParse(request === undefined ? {} : request);
    if (!parsed.success) return fail(requestInvalid(parsed.error));
    let value: unknown;
    try {
      value = await (handlers[name] as HandlerOf<CallName>)(parsed.data as never);
    } catch (e) {
      return fail(toContractError(e, scrub));
    }
    const answer = spec.response.safeParse(value);
    if (!answer.success) {
      const where = requestInvalid(answer.error).message;
      console.error(`contract: ${name} answer refused by its schema: ${where}`);
      return fail({ code: CONTRACT_CODES.responseInvalid, message: `${name}: the core's answer does not match the contract (${where})` });
    }
    return ok(answer.data);
  }

  return {
    dispatch,
    call<N extends CallName>(name: N, request: RequestOf<N>): Promise<CallResult<ResponseOf<N>>> {
      return dispatch(name, request) as Promise<CallResult<ResponseOf<N>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const fn: Listener = (name, payload) => {
        if (name === event) listener(payload as EventPayload<E>);
      };
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publishDevices(status) {
      devices = status;
      emit('devices.status', status);
    },
    close() {
      core.engine.off('session', onSession);
      core.engine.off('outbox-changed', outboxChanged);
      unobserve();
      listeners.clear();
    },
  };
}
