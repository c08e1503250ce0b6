/**
 * The admin API: JSON over HTTP under /admin on the simulator's own port, no subscription key
 * (the simulator listens on loopback by default). Routes are listed in sim/README.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultRulesInvalid } from './fault-injection';
import { PositionExists, PositionInvalid, stationChange } from './positions';
import { describeIssues } from './position-input';
import { SimConfigError, type Simulator } from './simulator';
import { checkAdminRequest } from './admin-guard';
import { ServiceExists, ServiceInvalid } from './services/admin-services';

const MAX_ADMIN_BODY = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type AdminHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function createAdmin(simulator: () => Simulator): AdminHandler {
  return async (req, res, url) => {
    const sim = simulator();
    const verdict = checkAdminRequest(req, sim.host, sim.port);
    if (!verdict.ok) {
      req.resume();
      return send(res, verdict.status, { error: verdict.error });
    }
    try {
      const { status, body } = await route(simulator(), req, url);
      send(res, status, body);
    } catch (e) {
      if (e instanceof HttpError) send(res, e.status, { error: e.message });
      else if (e instanceof PositionInvalid || e instanceof ServiceInvalid || e instanceof FaultRulesInvalid || e instanceof SimConfigError)
        send(res, 400, { error: e.message });
      else if (e instanceof PositionExists || e instanceof ServiceExists) send(res, 409, { error: e.message });
      else send(res, 500, { error: `internal error: ${(e as Error).message}` });
    }
  };
}

async function route(sim: Simulator, req: IncomingMessage, url: URL): Promise<{ status: number; body: unknown }> {
  const parts = url.pathname.split('/').filter(Boolean).slice(1);
  const method = req.method ?? 'GET';
  const [resource, a, b] = parts;
  const ok = (body: unknown, status = 200) => ({ status, body });
  // Route keys: method, first segment, then one '*' per further segment ("GET positions/**").

  switch (`${method} ${resource ?? ''}${parts.length > 1 ? '/' + '*'.repeat(parts.length - 1) : ''}`) {
    case 'GET health':
      return ok({
        status: 'ok',
        now: new Date(sim.now()).toISOString(),
        url: sim.url,
        positions: sim.positions().length,
        faults: sim.faults().length,
      });
    case 'GET positions':
      return ok({ positions: sim.positions(), absent: sim.absentNotices() });
    case 'POST positions':
      return ok(sim.addPosition(await jsonBody(req)), 201);
    case 'GET positions/**': {
      const p = sim.position(a as string, b as string);
      if (!p) throw new HttpError(404, `no position ${a}/${b}`);
      return ok(p);
    }
    case 'GET services':
      return ok({ services: sim.services() });
    case 'POST services':
      return ok(sim.addService(await jsonBody(req)), 201);
    case 'PUT creditors/*': {
      const parsed = stationChange.safeParse(await jsonBody(req));
      if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error));
      sim.setStation(a as string, parsed.data);
      return ok({ fiscalCode: a, station: parsed.data.station });
    }
    case 'GET clock':
      return ok(clockView(sim));
    case 'POST clock': {
      const body = (await jsonBody(req)) as { advanceMs?: unknown } | null;
      const ms = body?.advanceMs;
      if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0)
        throw new HttpError(400, 'advanceMs must be a non-negative integer');
      sim.advanceClock(ms);
      return ok(clockView(sim));
    }
    case 'POST cancel-job': {
      const run = sim.runCancelJob();
      return ok({ released: run.released, at: new Date(run.at).toISOString() });
    }
    case 'PUT sessions/*': {
      const body = (await jsonBody(req)) as { activationPending?: unknown } | null;
      if (typeof body?.activationPending !== 'boolean') throw new HttpError(400, 'activationPending must be true or false');
      sim.setActivationPending(a as string, body.activationPending);
      return ok({ paymentToken: a, activationPending: body.activationPending });
    }
    case 'GET faults':
      return ok({ faults: sim.faults() });
    case 'POST faults':
      sim.injectFaults(await jsonBody(req));
      return ok({ faults: sim.faults() }, 201);
    case 'DELETE faults':
      sim.clearFaults();
      return ok({ faults: [] });
    case 'GET log': {
      const since = Number(url.searchParams.get('since') ?? 0);
      return ok({ entries: sim.log(Number.isFinite(since) ? since : 0) });
    }
    case 'POST reset':
      sim.reset();
      return ok({ status: 'reset', now: new Date(sim.now()).toISOString() });
    default:
      throw new HttpError(404, `no admin route ${method} ${url.pathname}`);
  }
}

function clockView(sim: Simulator) {
  const now = sim.now();
  return { now: new Date(now).toISOString(), nowMs: now, offsetMs: sim.clockOffsetMs(), cancelJobMs: sim.cancelJobMs };
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_ADMIN_BODY) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `body is not JSON: ${(e as Error).message}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
