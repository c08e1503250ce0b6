/**
 * The service catalogue for spontaneous payments (issue 15): what nodoChiediCatalogoServiziV2
 * answered, kept by the core with its date (main/services/catalogue/store.ts), searched as the
 * operator types, refreshed daily and on demand. Browser-safe (zod).
 */
import { z } from 'zod';

const noFields = z.strictObject({});

/** One service as one creditor offers it (a `soggettoErogante` with its service's fields). */
export const catalogueEntrySchema = z.object({
  idServizio: z.string(),
  /** the provider's id: what a spontaneous payment names (demandPaymentNotice's idSoggettoServizio) */
  idSoggettoServizio: z.string(),
  descrizioneServizio: z.string(),
  categoria: z.string().nullable(),
  /** the creditor's fiscal code */
  idDominio: z.string(),
  denominazioneEnteCreditore: z.string(),
  /** the schema of the service's datiSpecificiServizio */
  xsdRiferimento: z.string(),
  commissione: z.enum(['Y', 'N']).nullable(),
  dataInizioValidita: z.string(),
  dataFineValidita: z.string().nullable(),
});
export type CatalogueEntry = z.output<typeof catalogueEntrySchema>;

export const catalogueStatusSchema = z.object({
  /** none: never fetched; fresh: fetched in the last 24 h; stale: older (the node could not be reached since) */
  state: z.enum(['none', 'fresh', 'stale']),
  fetchedAtMs: z.number().nullable(),
  ageMs: z.number().nullable(),
  /** provider rows kept (services in their validity dates or not) */
  services: z.int().nonnegative(),
  /** the last refresh's failure, cleared by a successful one */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** a refresh is under way */
  refreshing: z.boolean(),
});
export type CatalogueStatus = z.output<typeof catalogueStatusSchema>;

/** The status with what the search screens filter by. */
export const catalogueOverviewSchema = catalogueStatusSchema.extend({
  categories: z.array(z.object({ name: z.string(), services: z.int().nonnegative() })),
  creditors: z.array(z.object({ idDominio: z.string(), name: z.string(), services: z.int().nonnegative() })),
});

const id = z.string().min(1).max(35);

export const catalogueSearchRequest = z.strictObject({
  /** what was typed: every word must start a word of the description, creditor, category or ids */
  words: z.string().max(200).optional(),
  category: z.string().max(140).optional(),
  /** the creditor's fiscal code or name */
  creditor: z.string().max(140).optional(),
  limit: z.int().min(1).max(1000).optional(),
  /** only these services (idSoggettoServizio, or idServizio for every provider): what a kiosk offers */
  only: z.array(id).max(1000).optional(),
});

export const CATALOGUE_CALLS = {
  /** How old the kept catalogue is, and its categories and creditors. */
  'catalogue.status': { request: noFields, response: catalogueOverviewSchema },
  /** Search as you type (CATALOGUE_NONE while no catalogue was ever fetched). */
  'catalogue.search': {
    request: catalogueSearchRequest,
    response: z.object({ entries: z.array(catalogueEntrySchema), total: z.int().nonnegative() }),
  },
  /**
   * Fetch it from the node now; the kept one stays when that fails (the answer's lastError says
   * why). CATALOGUE_NONE when it fails and no catalogue was ever fetched.
   */
  'catalogue.refresh': { request: noFields, response: catalogueOverviewSchema },
} as const;
