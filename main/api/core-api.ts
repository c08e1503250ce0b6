/**
 * The contract served in process: `createCoreApi(core)` gives the typed client the CLI and tests
 * use directly and every transport (loopback server, Electron IPC) wraps. Each call is parsed with
 * its request schema, run, and its answer parsed with its response schema; whatever happens, the
 * caller gets a CallResult. Events come from the engine, the outbox and the node watch, each
 * payload parsed with its schema before any listener sees it.
 */
import type { Core } from '../core/core';
import type { SessionState } from '../engine';
import { CALLS, isCallName } from '../contract/calls';
import type { CallName, RequestOf, ResponseOf } from '../contract/calls';
import type { ContractClient } from '../contract/client';
import { EVENTS } from '../contract/events';
import type { DeviceStatus, EventName, EventPayload, OutboxStatus } from '../contract/events';
import { certificateHandlers } from './handlers/certificates';
import { printerHandlers } from './handlers/printer';
import { serviceHandlers } from './handlers/services';
import { catalogueHandlers } from './handlers/catalogue';
import { kioskServiceHandlers } from './handlers/kiosk-services';
import { catalogueOf } from '../services/catalogue/store';
import { PrintService } from '../services/printer/service';
import { cardTerminalOf, kioskHandlers } from './handlers/kiosk';
import { cardTerminalRows } from '../services/kiosk/card-terminal';
import { recordHandlers } from './handlers/records';
import { sessionHandlers } from './handlers/session';
import { shiftHandlers } from './handlers/shifts';
import { systemHandlers } from './handlers/system';
import { technicianHandlers } from './handlers/technician';
import type { HandlerContext, HandlerOf, Handlers } from './handlers/types';
import { NodeWatch, observeNodeCalls } from '../services/node-watch';
import { operatorHandlers } from './handlers/operators';
import { mayReceive } from './audience';
import type { SessionKind, Viewer } from './audience';
import { Gate } from './gate';
import { LOCAL } from '../services/access/principal';
import type { Role } from '../contract/roles';
import type { Principal } from '../services/access/principal';
import { OperatorAccounts } from '../services/access/operators';
import { TechnicianAccess } from '../services/access/technician';
import { outboxStatus } from '../services/outbox/view';
import { CONTRACT_CODES, fail, ok, requestInvalid, toContractError } from '../contract/result';
import type { CallResult } from '../contract/result';
import { secretScrubber } from '../services/secrets';
import type { PrintTimeouts } from '../services/certificate';
import { printableDeep } from '../../kernel/printable';
import { secretValues } from '../config/load';
import { DeviceService, WEDGE_SOURCE_ID } from '../services/devices';
import type { DeviceServiceOptions } from '../services/devices';
import { readDeviceChoice } from '../services/technician/devices';
import { FleetService } from '../services/fleet/service';
import type { FleetServiceOptions } from '../services/fleet/service';
import { fleetHandlers } from './handlers/fleet';

export interface CoreApi extends ContractClient {
  /**
   * The untyped entry the transports use: any name, any request, the credential the caller
   * presented (null: none), a CallResult always. The gate decides what the credential may do.
   */
  dispatch(name: unknown, request: unknown, credential: string | null): Promise<CallResult<unknown>>;
  /** The same, for a principal already known (the in-process API runs as LOCAL). */
  dispatchAs(name: unknown, request: unknown, who: Principal): Promise<CallResult<unknown>>;
  /** A typed client that presents `credential` with every call, as a transport's caller would. */
  as(credential: string | null): ContractClient;
  /**
   * Every event, unfiltered: in process only (the local owner sees everything). Transports use
   * `connect`, which filters by who is on the other end.
   */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void;
  /**
   * One client of a transport (a WebSocket, the Electron window): its calls go through
   * `dispatch`, and `deliver` gets only the events its caller may see (access/audience.ts).
   */
  connect(deliver: (event: EventName, payload: unknown) => void): Connection;
  /** Replaces the device status and pushes it (the device service does, on every change). */
  publishDevices(status: DeviceStatus): void;
  /** Stops listening to the core and closes the devices (the core itself is closed by whoever started it). */
  close(): void;
  /** Resolves once the devices `close` began closing are closed (at once when none were open). */
  closed(): Promise<void>;
}

type Listener = (event: EventName, payload: unknown) => void;

/** A transport's client, as the core sees it for pushed events. */
export interface Connection {
  /** A call from this client; a credential that proves current is remembered for its events. */
  dispatch(name: unknown, request: unknown, credential: string | null): Promise<CallResult<unknown>>;
  /** Forgets its credentials and sessions (a new page took the window over). */
  forget(): void;
  /** No more events. */
  close(): void;
}

/** How many recent credentials (operator, supervisor, technician at one screen) and started sessions a connection remembers. */
const REMEMBERED_CREDENTIALS = 4;
const REMEMBERED_SESSIONS = 64;

interface ConnectionState {
  credentials: string[];
  started: Set<string>;
  deliver: Listener;
}

/**
 * Calls that take money, decide about it or repair the queue: after each succeeds the journal
 * records who made it (`call-by`: the signed-in operator, or the kind of caller), so every payment,
 * decision and technician repair names the authenticated person. Shift and operator calls journal
 * their own entries with the same field.
 */
const ATTRIBUTED: ReadonlySet<CallName> = new Set<CallName>([
  'session.start',
  'session.tender',
  'session.cancel',
  'session.decide',
  'session.recordRefund',
  'kiosk.payByCard',
  'outbox.retry',
  'outbox.reset',
  'journal.exportCsv',
]);

/** How often the shells ask after a node nothing else has talked to: once a minute. */
export const NODE_WATCH_MS = 60_000;

export interface CoreApiOptions {
  /** Printer timeouts for certificate prints (a CLI run on a slow line); the drivers' defaults otherwise. */
  printTimeouts?: PrintTimeouts;
  /**
   * Ask the node how it is at start and whenever a minute passed without any exchange (a catalogue
   * request, which changes nothing at the node), so staff never see "not yet contacted" on a node
   * that is down. For the shells and `serve`; a one-shot CLI command leaves it off.
   */
  watchNodeEveryMs?: number;
  /**
   * Run the device service (main/services/devices): the chosen scanners are opened and watched
   * for plugging, their scans pushed as `scanner.scan`, every device's status as `devices.status`.
   * For the shells and `serve`; a one-shot CLI command and tests that do not ask leave it off.
   * An object injects device listing and drivers (tests).
   */
  devices?: boolean | DeviceServiceOptions;
  /**
   * Run the print service (main/services/printer/service.ts): the engine's certificates and the
   * cash drawer print on their own, kept jobs print when the printer recovers, and its status is
   * polled (every `pollMs`, default 5 s) and pushed as `printer.status`. For the shells and `serve`;
   * without it the queue still serves certificate.print and the test page.
   */
  printing?: boolean | { pollMs?: number };
  /**
   * Keep the service catalogue current: fetched soon after start when there is none or it is a day
   * old, then daily (retried every 15 min while the node cannot be reached), as a step of the core's
   * sweeper, so it never delays start and stops with the core. Default: on when `watchNodeEveryMs`
   * is (the shells and `serve`); a one-shot CLI command leaves it off.
   */
  refreshCatalogue?: boolean;
  /**
   * Run the fleet shipper (main/services/fleet) when the technician enabled it: the journal and the
   * status to the PSP's MQTT broker, configuration versions from it. Default: on when
   * `watchNodeEveryMs` is (the shells and `serve`); an object sets its timings (tests).
   */
  fleet?: boolean | Pick<FleetServiceOptions, 'pollMs' | 'statusEveryMs' | 'reconnectMs'>;
}

export function createCoreApi(core: Core, options: CoreApiOptions = {}): CoreApi {
  const listeners = new Set<Listener>();
  const connections = new Set<ConnectionState>();
  // A session's kind never changes: looked up once.
  const kinds = new Map<string, SessionKind | null>();
  const kindOf = (sessionId: string): SessionKind | null => {
    if (!kinds.has(sessionId)) {
      if (kinds.size > 10_000) kinds.clear();
      kinds.set(sessionId, core.db.sessions.get(sessionId)?.kind ?? null);
    }
    return kinds.get(sessionId) ?? null;
  };
  /** What a connection is now: the roles of its credentials still current (looked at, not extended). */
  const viewerOf = (c: ConnectionState): Viewer => {
    const roles = new Set<Role>(['kiosk']);
    c.credentials = c.credentials.filter((credential) => {
      const who = gate.resolve(credential, { extend: false });
      if (who.kind === 'anonymous') return false; // signed out or idle: gone for good
      // A technician who must still change the default PIN may do nothing else: no more than a kiosk.
      if (!who.mustChangePin) for (const r of who.roles) roles.add(r);
      return true;
    });
    return { roles, started: c.started };
  };
  const scrub = secretScrubber(secretValues(core.config));

  const emit = (event: EventName, payload: unknown): void => {
    const parsed = EVENTS[event].safeParse(payload);
    if (!parsed.success) {
      // A bug in the core, not something a client can fix: say where, never what (it may be personal data).
      console.error(`contract: event ${event} dropped: ${requestInvalid(parsed.error).message}`);
      return;
    }
    const data = printableDeep(parsed.data);
    for (const fn of [...listeners]) {
      try {
        fn(event, data);
      } catch (e) {
        console.error(`contract: a listener of ${event} failed: ${toContractError(e, scrub).message}`);
      }
    }
    // The one place pushed events are filtered, for every transport's clients.
    for (const c of [...connections]) {
      try {
        if (mayReceive(event, data as EventPayload<typeof event>, viewerOf(c), kindOf)) c.deliver(event, data);
      } catch (e) {
        console.error(`contract: a client of ${event} failed: ${toContractError(e, scrub).message}`);
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

  let nodeState = 'unknown';
  const nodeWatch = new NodeWatch(core.engine.now, (s) => {
    if (s.state !== nodeState)
      core.log[s.state === 'unreachable' ? 'warn' : 'info']('node-state', { from: nodeState, to: s.state, code: s.lastErrorCode });
    nodeState = s.state;
    emit('node.status', s);
  });
  // Without the device service only the wedge, which needs nothing of the core, is known.
  let devices: DeviceStatus = {
    scanners: [{ id: WEDGE_SOURCE_ID, kind: 'keyboard', name: 'keyboard', status: 'ready', lastScanAt: null, since: null }],
    printers: [],
  };
  // The card terminal's row joins the scanners and printer (its holder lives with the handlers, below).
  let cardRows: () => NonNullable<DeviceStatus['cardTerminals']> = () => [];
  const withCards = (status: DeviceStatus): DeviceStatus => ({ ...status, cardTerminals: cardRows() });
  const publishDevices = (status: DeviceStatus): void => {
    devices = status;
    emit('devices.status', withCards(status));
  };
  const deviceService = options.devices
    ? new DeviceService(
        {
          readChoice: () => readDeviceChoice(core.db),
          terminal: core.config.terminal.kind,
          onScan: (scan) => emit('scanner.scan', scan),
          onStatus: publishDevices,
          onProblem: (event, data) => core.log.warn(event, data),
        },
        options.devices === true ? {} : options.devices,
      )
    : null;
  deviceService?.start();
  let devicesClosed: Promise<void> = Promise.resolve();
  const printing = new PrintService(core, {
    timeouts: options.printTimeouts ?? {},
    ...(typeof options.printing === 'object' && options.printing.pollMs ? { pollMs: options.printing.pollMs } : {}),
    onStatus: (status) => emit('printer.status', status),
  });
  if (options.printing) printing.start();
  let printingStopped: Promise<void> = Promise.resolve();
  let fleetStopped: Promise<void> = Promise.resolve();
  const technician = new TechnicianAccess(core.db, core.engine.now, core.mode === 'demo');
  const operators = new OperatorAccounts(core.db, core.engine.now, core.mode === 'demo');
  const gate = new Gate(technician, operators);
  const ctx: HandlerContext = {
    core,
    nodeWatch,
    devices: () => withCards(devices),
    outboxChanged,
    startedAt: new Date().toISOString(),
    technician,
    operators,
    printTimeouts: options.printTimeouts ?? {},
    printing,
    catalogue: catalogueOf(core),
    fleet: {
      service: new FleetService(core, {
        devices: () => withCards(devices),
        printer: () => printing.status().state,
        ...(typeof options.fleet === 'object' ? options.fleet : {}),
      }),
      runs: Boolean(options.fleet ?? options.watchNodeEveryMs !== undefined),
    },
  };
  if (ctx.fleet.runs) void ctx.fleet.service.start();
  // The sweeper runs only in a core that runs (not a one-shot command's); a refresh is started,
  // never awaited, so a slow node cannot delay the sweep's other steps.
  const stopCatalogue =
    (options.refreshCatalogue ?? options.watchNodeEveryMs !== undefined)
      ? core.addSweepStep('catalogue-refresh', () => {
          void ctx.catalogue.refreshIfDue();
          return Promise.resolve();
        })
      : () => undefined;
  const handlers: Handlers = {
    ...operatorHandlers(ctx),
    ...sessionHandlers(ctx),
    ...recordHandlers(ctx),
    ...systemHandlers(ctx),
    ...kioskHandlers(ctx),
    ...technicianHandlers(ctx),
    ...shiftHandlers(ctx),
    ...certificateHandlers(ctx),
    ...printerHandlers(ctx),
    ...catalogueHandlers(ctx),
    ...serviceHandlers(ctx),
    ...kioskServiceHandlers(ctx),
    ...fleetHandlers(ctx),
  };

  const cardHolder = cardTerminalOf(ctx);
  let cardSince: number | null = null;
  let cardState = '';
  cardRows = () => {
    const rows = cardTerminalRows(cardHolder.current(), cardSince);
    const now = rows.map((r) => `${r.id}:${r.activity}`).join();
    if (now !== cardState) {
      cardState = now;
      cardSince = core.engine.now();
      return rows.map((r) => ({ ...r, since: cardSince }));
    }
    return rows;
  };
  const offCard = cardHolder.onChange(() => emit('devices.status', withCards(devices)));

  const onSession = (s: SessionState) => emit('session.updated', s);
  core.engine.on('session', onSession);
  core.engine.on('outbox-changed', outboxChanged);
  const unobserve = observeNodeCalls(core.node, (o) => nodeWatch.observe(o));
  const probeEvery = options.watchNodeEveryMs;
  const probe = () => {
    const last = nodeWatch.get().lastExchangeAtMs;
    if (last !== null && probeEvery !== undefined && core.engine.now() - last < probeEvery) return;
    // The outcome reaches nodeWatch through observeNodeCalls; the answer itself is not needed.
    void core.node.nodoChiediCatalogoServiziV2({}).catch(() => undefined);
  };
  const probeTimers: NodeJS.Timeout[] = [];
  if (probeEvery !== undefined) {
    probeTimers.push(setTimeout(probe, 0), setInterval(probe, probeEvery));
    for (const timer of probeTimers) timer.unref();
  }

  function attribute(name: CallName, request: unknown, value: unknown, who: Principal): void {
    const req = request as { sessionId?: unknown; messageId?: unknown };
    const sessionId =
      typeof req.sessionId === 'string' ? req.sessionId : name === 'session.start' ? ((value as { id?: string }).id ?? null) : null;
    core.db.journal.append(
      'call-by',
      {
        call: name,
        by: who.kind,
        operatorId: who.operatorId,
        ...(typeof req.messageId === 'number' ? { messageId: req.messageId } : {}),
      },
      sessionId,
    );
  }

  /** The log's view of calls (main/log): sign-ins by operator id (never a PIN), print failures and errors by code. */
  function logCall(name: CallName, request: unknown, who: Principal, error: { code: string } | null): void {
    if (name === 'operator.login' || name === 'technician.unlock' || name === 'operator.logout') {
      const operatorId = name === 'operator.login' ? (request as { operatorId: string }).operatorId : who.operatorId;
      if (error) core.log.warn('sign-in-refused', { call: name, operatorId, code: error.code });
      else core.log.info(name === 'operator.logout' ? 'signed-out' : 'signed-in', { call: name, operatorId });
      return;
    }
    if (!error) return;
    const printing = /print/i.test(name);
    const level = error.code === 'INTERNAL' ? 'error' : printing ? 'warn' : 'debug';
    core.log[level](printing ? 'print-failed' : 'call-failed', { call: name, code: error.code, by: who.kind });
  }

  async function dispatchAs(name: unknown, request: unknown, who: Principal): Promise<CallResult<unknown>> {
    if (!isCallName(name)) {
      return fail({ code: CONTRACT_CODES.callUnknown, message: `no call named ${JSON.stringify(String(name).slice(0, 64))}` });
    }
    // The role first: a caller who may not make the call learns nothing from its request's checks.
    try {
      gate.admit(name, who);
    } catch (e) {
      return fail(toContractError(e, scrub));
    }
    const spec = CALLS[name];
    const parsed = spec.request.safeParse(request === undefined ? {} : request);
    if (!parsed.success) return fail(requestInvalid(parsed.error));
    let value: unknown;
    try {
      value = await (handlers[name] as HandlerOf<CallName>)(parsed.data as never, who);
      if (ATTRIBUTED.has(name)) attribute(name, parsed.data, value, who);
      // Another scanner chosen: the devices are reopened (a port, ids or line may have changed).
      if (name === 'technician.chooseDevices') {
        void deviceService?.restart();
        printing.changed();
      }
    } catch (e) {
      const error = printableDeep(toContractError(e, scrub));
      logCall(name, parsed.data, who, error);
      return fail(error);
    }
    logCall(name, parsed.data, who, null);
    const answer = spec.response.safeParse(value);
    if (!answer.success) {
      const where = requestInvalid(answer.error).message;
      console.error(`contract: ${name} answer refused by its schema: ${where}`);
      return fail({ code: CONTRACT_CODES.responseInvalid, message: `${name}: the core's answer does not match the contract (${where})` });
    }
    // Outside text (node faults, scans, device names) reaches screens without control characters.
    return ok(printableDeep(answer.data));
  }

  const dispatch = (name: unknown, request: unknown, credential: string | null) => dispatchAs(name, request, gate.resolve(credential));

  function connect(deliver: Listener): Connection {
    const c: ConnectionState = { credentials: [], started: new Set(), deliver };
    connections.add(c);
    return {
      async dispatch(name, request, credential) {
        const who = gate.resolve(credential);
        const result = await dispatchAs(name, request, who);
        if (credential !== null && who.kind !== 'anonymous') {
          c.credentials = [credential, ...c.credentials.filter((x) => x !== credential)].slice(0, REMEMBERED_CREDENTIALS);
        }
        if (name === 'session.start' && result.ok) {
          c.started.add((result.value as { id: string }).id);
          if (c.started.size > REMEMBERED_SESSIONS) c.started.delete(c.started.values().next().value as string);
        }
        return result;
      },
      forget() {
        c.credentials = [];
        c.started.clear();
      },
      close() {
        connections.delete(c);
      },
    };
  }
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
    const fn: Listener = (name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    };
    listeners.add(fn);
    return () => listeners.delete(fn);
  };

  return {
    dispatch,
    dispatchAs,
    as(credential) {
      return {
        call: <N extends CallName>(name: N, request: RequestOf<N>, options?: { auth?: string | null }) =>
          dispatch(name, request, options?.auth ?? credential) as Promise<CallResult<ResponseOf<N>>>,
        on,
      };
    },
    /** In process: the terminal's local owner (roles.ts), unless the call presents a credential. */
    call<N extends CallName>(name: N, request: RequestOf<N>, options?: { auth?: string | null }): Promise<CallResult<ResponseOf<N>>> {
      const who = options?.auth !== undefined ? gate.resolve(options.auth) : LOCAL;
      return dispatchAs(name, request, who) as Promise<CallResult<ResponseOf<N>>>;
    },
    on,
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect,
    publishDevices,
    close() {
      for (const timer of probeTimers) clearTimeout(timer);
      stopCatalogue();
      offCard();
      // Stops the polls at once (no timer keeps the process alive); the ports close just after.
      if (deviceService) devicesClosed = deviceService.stop();
      printingStopped = printing.stop();
      fleetStopped = ctx.fleet.service.stop();
      core.engine.off('session', onSession);
      core.engine.off('outbox-changed', outboxChanged);
      unobserve();
      listeners.clear();
      connections.clear();
    },
    closed: () => Promise.all([devicesClosed, printingStopped, fleetStopped]).then(() => undefined),
  };
}
