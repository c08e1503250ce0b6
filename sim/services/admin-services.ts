/**
 * Services added at run time (POST /admin/services): validated with the seed's own schema, their
 * providers' creditors must already be known (a service is only reachable through its creditor's
 * station), and neither the service nor any provider may clash with one the simulator has.
 */
import { SportelloError } from '../../kernel/errors';
import { describeIssues } from '../position-input';
import { serviceInput, toService } from '../seed';
import type { Service } from '../model';
import type { SimState } from '../state';

export class ServiceInvalid extends SportelloError {
  constructor(message: string) {
    super('SIM_SERVICE_INVALID', message);
  }
}

export class ServiceExists extends SportelloError {
  constructor(message: string, details: Record<string, unknown>) {
    super('SIM_SERVICE_EXISTS', message, { details });
  }
}

export function createService(state: SimState, input: unknown): Service {
  const parsed = serviceInput.safeParse(input);
  if (!parsed.success) throw new ServiceInvalid(describeIssues(parsed.error));
  const service = toService(parsed.data);
  return state.transaction(() => {
    const unknown = service.providers.map((p) => p.idDominio).filter((fc) => !state.creditor(fc));
    if (unknown.length > 0)
      throw new ServiceInvalid(`creditor ${[...new Set(unknown)].join(', ')} unknown: add a position or seed it first`);
    const existing = state.services();
    if (existing.some((s) => s.idServizio === service.idServizio))
      throw new ServiceExists(`service ${service.idServizio} already exists`, { idServizio: service.idServizio });
    const taken = new Set(existing.flatMap((s) => s.providers.map((p) => p.idSoggettoServizio)));
    for (const p of service.providers) {
      if (taken.has(p.idSoggettoServizio))
        throw new ServiceExists(`idSoggettoServizio ${p.idSoggettoServizio} already exists`, { idSoggettoServizio: p.idSoggettoServizio });
    }
    state.putService(service);
    return service;
  });
}
