/**
 * Which catalogue services the kiosk offers (issue 15): the technician reads and chooses them, the
 * citizen screen reads what is offered now. The choice is the providers' idSoggettoServizio kept in
 * the settings table (main/services/catalogue/kiosk-services.ts); a configured kiosk offers none
 * until the technician enables some, a demo kiosk with no choice stored offers every car tax
 * provider. Browser-safe (zod).
 */
import { z } from 'zod';
import { catalogueEntrySchema } from '../catalogue-calls';

const noFields = z.strictObject({});
const idSoggettoServizio = z.string().trim().min(1).max(35);

/** The technician's view: the choice stored (null: never chosen) and what the kiosk offers now. */
export const kioskServiceSettingsSchema = z.object({
  /** What was stored; null while the technician never chose (then the defaults apply). */
  chosen: z.array(z.string()).nullable(),
  /** The providers (idSoggettoServizio) of the kept catalogue the kiosk offers now, choice or default. */
  offered: z.array(z.string()),
});
export type KioskServiceSettings = z.output<typeof kioskServiceSettingsSchema>;

export const SERVICE_SETTINGS_CALLS = {
  /** The citizen screen: the services this kiosk offers now, in the kept catalogue's order (none without a catalogue). */
  'kiosk.services': { request: noFields, response: z.object({ entries: z.array(catalogueEntrySchema) }) },
  /** The technician: the stored choice and what it offers now. */
  'technician.kioskServices': { request: noFields, response: kioskServiceSettingsSchema },
  /** The technician's choice, whole (journaled as kiosk-services-set). Providers not in the catalogue are kept: a later refresh may bring them. */
  'technician.setKioskServices': {
    request: z.strictObject({ idSoggettoServizio: z.array(idSoggettoServizio).max(1000) }),
    response: kioskServiceSettingsSchema,
  },
} as const;
