/**
 * The service catalogue (nodoChiediCatalogoServiziV2): `xmlCatalogoServizi` is base64 of an XML
 * document shaped by CatalogoServizi_2_0_0.xsd (root `listaCatalogoServizi`). Decoded and typed
 * here; the root is recognised by its local name (the inner document's prefixes vary by producer).
 */
import { NodeBadResponse, type BadResponseReason } from './errors';
import { El, parseXmlTree } from './xml-walk';
import { CATALOGUE_SCHEMA, checkGroup } from './answer-schema';
import { ST } from './simple-types';
import type { CatalogoServiziResult, CatalogoServizio, SoggettoErogante } from './types';

/** Reads one soggettoErogante; its fields were checked against CATALOGUE_SCHEMA. */
function soggetto(s: El): SoggettoErogante {
  const commissione = s.optNonEmpty('commissione') as SoggettoErogante['commissione'];
  return {
    idSoggettoServizio: s.reqText('idSoggettoServizio'),
    idDominio: s.reqText('idDominio'),
    denominazioneEnteCreditore: s.reqText('denominazioneEnteCreditore'),
    dataInizioValidita: s.reqText('dataInizioValidita').slice(0, 10),
    dataFineValidita: s.optNonEmpty('dataFineValidita')?.slice(0, 10),
    commissione,
  };
}

function servizio(c: El): CatalogoServizio {
  return {
    idServizio: c.reqText('idServizio'),
    descrizioneServizio: c.reqText('descrizioneServizio'),
    soggettiEroganti: c.req('elencoSoggettiEroganti').all('soggettoErogante').map(soggetto),
    categoria: c.optNonEmpty('categoria'),
    xsdRiferimento: c.reqText('xsdRiferimento'),
  };
}

/** Reads the catalogue out of an OK nodoChiediCatalogoServiziV2Response. */
export function decodeCatalogue(res: El): CatalogoServiziResult {
  const field = res.opt('xmlCatalogoServizi');
  if (!field) return { servizi: [] };
  const b64 = field.text().replace(/\s+/g, '');
  if (b64 === '') return { servizi: [] };
  if (!ST.base64.test(b64))
    field.fail('bad-field', 'xmlCatalogoServizi is not base64', { field: 'xmlCatalogoServizi', rule: 'xsd:base64Binary' });
  const xml = Buffer.from(b64, 'base64').toString('utf8');
  const fail = (reason: BadResponseReason, message: string, details: Record<string, unknown> = {}): never => {
    throw new NodeBadResponse(
      res.primitive,
      reason === 'empty' || reason === 'not-xml' ? 'bad-field' : reason,
      `xmlCatalogoServizi: ${message}`,
      details,
    );
  };
  const tree = parseXmlTree(xml, fail);
  const doc = new El(tree, '', res.primitive);
  const root = doc.opt('listaCatalogoServizi');
  if (!root) return fail('bad-field', 'the root is not listaCatalogoServizi');
  const inner = new El(root.node, 'xmlCatalogoServizi/listaCatalogoServizi', res.primitive);
  checkGroup(inner, CATALOGUE_SCHEMA, 'xmlCatalogoServizi/listaCatalogoServizi');
  return { servizi: inner.all('catalogoServizi').map(servizio) };
}
