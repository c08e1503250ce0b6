/**
 * Spontaneous payments (issue 15): a notice created by demandPaymentNotice keeps the catalogue
 * service it was asked for and the data the payer entered (`service`, JSON: idServizio,
 * idSoggettoServizio, description, creditor, data [{path, name, value}]), so the certificate and its
 * reprints name the service and, for the car tax, the plate. Null for notices read from paper.
 */
import type { Migration } from '../migrate';

export const noticeService: Migration = {
  version: 5,
  name: 'notice-service',
  up(db) {
    db.exec(/* sql */ `
ALTER TABLE session_notice ADD COLUMN service TEXT CHECK (service IS NULL OR json_valid(service));
`);
  },
};
