/**
 * Which catalogue services a kiosk offers (`kiosk.services` in the settings table: the providers'
 * idSoggettoServizio the technician enabled). A configured kiosk offers none until the technician
 * enables some (a citizen alone must not meet a service nobody checked); a demo kiosk with no
 * choice stored offers every car tax provider (the service issue 15 names for kiosks).
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { Json, SportelloDatabase } from '../../../db';
import type { CatalogueEntry } from '../../contract/catalogue-calls';

const KEY = 'kiosk.services';
const stored = z.array(z.string().min(1).max(35)).max(1000);

/** The technician's choice, or null when none was ever stored. */
export function readKioskServices(db: SportelloDatabase): string[] | null {
  const r = stored.safeParse(db.settings.get(KEY));
  return r.success ? r.data : null;
}

export function saveKioskServices(db: SportelloDatabase, ids: string[]): string[] {
  const valid = [...new Set(stored.parse(ids))];
  db.settings.set(KEY, valid as unknown as Json);
  return valid;
}

const isCarTax = (e: CatalogueEntry) => basename(e.xsdRiferimento).startsWith('TassaAutomobilistica');

/** Whether a kiosk offers the entry. */
export function kioskOffers(db: SportelloDatabase, mode: 'demo' | 'configured', entry: CatalogueEntry): boolean {
  const chosen = readKioskServices(db);
  if (chosen) return chosen.includes(entry.idSoggettoServizio);
  return mode === 'demo' && isCarTax(entry);
}
