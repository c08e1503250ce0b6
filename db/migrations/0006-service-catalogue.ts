/**
 * The service catalogue for spontaneous payments (issue 15): what nodoChiediCatalogoServiziV2
 * answered, one row per provider (a service offered by one creditor: `idSoggettoServizio`), and one
 * meta row saying when it was fetched and how many services the node's answer held. A refresh
 * replaces every row and the meta row in one transaction, so a kill mid-refresh keeps the old
 * catalogue whole; without a meta row there is no catalogue yet.
 */
import type { Migration } from '../migrate';

export const serviceCatalogue: Migration = {
  version: 6,
  name: 'service-catalogue',
  up(db) {
    db.exec(/* sql */ `
CREATE TABLE catalogue_provider (
  id_soggetto_servizio         TEXT PRIMARY KEY,
  id_servizio                  TEXT NOT NULL,
  descrizione_servizio         TEXT NOT NULL,
  categoria                    TEXT,
  id_dominio                   TEXT NOT NULL,
  denominazione_ente_creditore TEXT NOT NULL,
  xsd_riferimento              TEXT NOT NULL,
  commissione                  TEXT CHECK (commissione IN ('Y', 'N')),
  data_inizio_validita         TEXT NOT NULL,
  data_fine_validita           TEXT,
  position                     INTEGER NOT NULL CHECK (position >= 0)
) STRICT;
CREATE TABLE catalogue_meta (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  fetched_at    TEXT NOT NULL,
  fetched_at_ms INTEGER NOT NULL CHECK (fetched_at_ms >= 0),
  -- how many services (catalogoServizi) the node's answer held, and how many provider rows were kept
  answered      INTEGER NOT NULL CHECK (answered >= 0),
  providers     INTEGER NOT NULL CHECK (providers >= 0)
) STRICT;
`);
  },
};
