/** The catalogue's entry and status types, as the contract declares them. */
export type { CatalogueEntry, CatalogueStatus } from '../../contract/catalogue-calls';
