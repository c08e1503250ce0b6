/**
 * The counter's payment history searches by operator and by amount (issue 13): without these
 * indexes both would read every session the terminal ever held. Operator with the creation time, so
 * "this operator, today" is one range; both amounts the operator may type (what the customer paid,
 * and the notices' sum without the fee).
 */
import type { Migration } from '../migrate';

export const sessionSearchIndexes: Migration = {
  version: 3,
  name: 'session-search-indexes',
  up(db) {
    db.exec(/* sql */ `
CREATE INDEX payment_session_by_operator ON payment_session (operator_id, created_at);
CREATE INDEX payment_session_by_due ON payment_session (tender_due_cents) WHERE tender_due_cents IS NOT NULL;
CREATE INDEX payment_session_by_notices_cents ON payment_session (tender_notices_cents) WHERE tender_notices_cents IS NOT NULL;
`);
  },
};
