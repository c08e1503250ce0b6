/**
 * Spontaneous payments: `catalogue.form` and `session.addService` (main/services/catalogue/demand.ts
 * does the work). On a kiosk terminal, whoever is not staff or technician gets only the services
 * the technician enabled; a kiosk session too, whoever calls.
 */
import { ServiceDemand } from '../../services/catalogue/demand';
import { ServiceNotEnabled } from '../../services/catalogue/demand-errors';
import { kioskOffers } from '../../services/catalogue/kiosk-services';
import type { CatalogueEntry } from '../../contract/catalogue-calls';
import type { Principal } from '../../services/access/principal';
import type { HandlerContext, Handlers } from './types';

type ServiceCalls = 'catalogue.form' | 'session.addService';

export function serviceHandlers({ core, catalogue }: HandlerContext): Handlers<ServiceCalls> {
  const demand = new ServiceDemand({ catalogue, node: core.node, engine: core.engine, journal: core.db.journal });
  const staff = (caller: Principal) => caller.roles.has('operator') || caller.roles.has('technician');
  const offers = (entry: CatalogueEntry) => kioskOffers(core.db, core.mode, entry);
  return {
    'catalogue.form': (r, caller) => {
      const found = demand.form(r.idSoggettoServizio);
      if (core.config.terminal.kind === 'kiosk' && !staff(caller) && !offers(found.entry))
        throw new ServiceNotEnabled(r.idSoggettoServizio);
      return found;
    },
    'session.addService': async (r, caller) => {
      core.engine.get(r.sessionId); // an unknown session is refused before anything is checked or demanded
      const kiosk = core.db.sessions.get(r.sessionId)?.kind === 'kiosk' || (core.config.terminal.kind === 'kiosk' && !staff(caller));
      if (r.xml !== undefined) {
        // A raw document skips the form: only for staff and the terminal's owner (the CLI), never a kiosk.
        if (kiosk || !staff(caller)) throw new ServiceNotEnabled(r.idSoggettoServizio);
        return { session: await demand.addServiceXml(r.sessionId, r.idSoggettoServizio, r.xml), warnings: [] };
      }
      const session = await demand.addService(r.sessionId, r.idSoggettoServizio, r.values ?? {}, (e) => !kiosk || offers(e));
      return { session, warnings: [] };
    },
  };
}
