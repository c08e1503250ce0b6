/** nodoChiediCatalogoServiziV2: the service catalogue, filtered by creditor, category and fee flag. */
import { nodeFault, NodeFault } from '../faults';
import { leaf } from '../xml/write';
import { catalogueXml, filterCatalogue } from '../catalogue';
import type { SimContext } from '../context';
import type { RequestOf } from '../requests';

export function nodoChiediCatalogoServiziV2(ctx: SimContext, r: RequestOf<'nodoChiediCatalogoServiziV2'>): string {
  if (r.identificativoDominio !== undefined && !ctx.state.creditor(r.identificativoDominio)) {
    throw new NodeFault(nodeFault('PPT_DOMINIO_SCONOSCIUTO', `Dominio ${r.identificativoDominio} sconosciuto`));
  }
  const services = filterCatalogue(ctx.state.services(), r);
  // The catalogue schema needs at least one service, so "nothing matches" can only be a KO.
  if (services.length === 0) throw new NodeFault(nodeFault('PPT_SEMANTICA', 'Nessun servizio corrisponde ai criteri di ricerca'));
  return leaf('xmlCatalogoServizi', Buffer.from(catalogueXml(services), 'utf8').toString('base64'));
}
