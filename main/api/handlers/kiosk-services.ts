/**
 * The services the kiosk offers (main/services/catalogue/kiosk-services.ts keeps the technician's
 * choice): the citizen screen reads what is offered now, the technician reads and sets the choice.
 */
import { kioskOffers, readKioskServices, saveKioskServices } from '../../services/catalogue/kiosk-services';
import type { CatalogueEntry } from '../../contract/catalogue-calls';
import type { HandlerContext, Handlers } from './types';

type KioskServiceCalls = 'kiosk.services' | 'technician.kioskServices' | 'technician.setKioskServices';

export function kioskServiceHandlers({ core, catalogue }: HandlerContext): Handlers<KioskServiceCalls> {
  const { db } = core;
  /** What the kept catalogue offers at the kiosk now; nothing while there is no catalogue yet. */
  const offered = (): CatalogueEntry[] => {
    if (catalogue.status().state === 'none') return [];
    return catalogue.search({ limit: 1000 }).entries.filter((e) => kioskOffers(db, core.mode, e));
  };
  const settings = () => ({ chosen: readKioskServices(db), offered: offered().map((e) => e.idSoggettoServizio) });
  return {
    'kiosk.services': () => ({ entries: offered() }),
    'technician.kioskServices': () => settings(),
    'technician.setKioskServices': (r) => {
      const before = readKioskServices(db);
      const chosen = saveKioskServices(db, r.idSoggettoServizio);
      db.journal.append('kiosk-services-set', { idSoggettoServizio: chosen, before });
      return settings();
    },
  };
}
