/**
 * The service catalogue for spontaneous payments (pagamenti spontanei), as the XML document
 * nodoChiediCatalogoServiziV2 returns base64-encoded (xsd-common/CatalogoServizi_2_0_0.xsd:
 * only the root is qualified).
 */
import { join, basename } from 'node:path';
import { SCHEMA_DIR } from './xsd';
import { leaf, node } from './xml/write';
import type { Service, ServiceProvider } from './model';

export const CATALOGUE_NS = 'http://pagopa-api.pagopa.gov.it/nodeForPsp/xsd/CatalogoServizi';
export const CATALOGUE_XSD = join(SCHEMA_DIR, 'xsd-common/CatalogoServizi_2_0_0.xsd');

export interface CatalogueFilter {
  identificativoDominio?: string;
  categoria?: string;
  commissione?: 'Y' | 'N';
}

/** The services (with only the providers) that match every given filter; services left with none are dropped. */
export function filterCatalogue(services: Service[], f: CatalogueFilter): Service[] {
  const keep = (p: ServiceProvider) =>
    (f.identificativoDominio === undefined || p.idDominio === f.identificativoDominio) &&
    (f.commissione === undefined || (p.commissione ?? 'N') === f.commissione);
  return services
    .filter((s) => f.categoria === undefined || s.categoria === f.categoria)
    .map((s) => ({ ...s, providers: s.providers.filter(keep) }))
    .filter((s) => s.providers.length > 0);
}

export function catalogueXml(services: Service[]): string {
  const body = services.map((s) =>
    node('catalogoServizi', [
      leaf('idServizio', s.idServizio),
      leaf('descrizioneServizio', s.descrizioneServizio),
      node(
        'elencoSoggettiEroganti',
        s.providers.map((p) =>
          node('soggettoErogante', [
            leaf('idSoggettoServizio', p.idSoggettoServizio),
            leaf('idDominio', p.idDominio),
            leaf('denominazioneEnteCreditore', p.denominazioneEnteCreditore),
            leaf('dataInizioValidita', p.dataInizioValidita),
            leaf('dataFineValidita', p.dataFineValidita),
            leaf('commissione', p.commissione),
          ]),
        ),
      ),
      leaf('categoria', s.categoria),
      leaf('xsdRiferimento', s.xsdRiferimento),
    ]),
  );
  return `<?xml version="1.0" encoding="UTF-8"?><cs:listaCatalogoServizi xmlns:cs="${CATALOGUE_NS}">${body.join('')}</cs:listaCatalogoServizi>`;
}

export function findProvider(services: Service[], idSoggettoServizio: string): { service: Service; provider: ServiceProvider } | undefined {
  for (const service of services) {
    const provider = service.providers.find((p) => p.idSoggettoServizio === idSoggettoServizio);
    if (provider) return { service, provider };
  }
  return undefined;
}

/** Where the schema of a service's datiSpecificiServizio lives (file names only: no path from the seed is trusted). */
export function serviceSchemaPath(service: Service): string {
  return join(SCHEMA_DIR, 'catalogo-servizi', basename(service.xsdRiferimento));
}
