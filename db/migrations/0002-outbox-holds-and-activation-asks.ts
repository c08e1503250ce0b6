/**
 * Two states the outbox could only express as "pending with a magic time" become states of their own:
 * `stalled` (the retry schedule is spent: one probe at a time until the node answers again, or a
 * technician's reset) and `parked` (the node refused the outcome for a configuration reason before
 * changing anything: resent when the configuration changes, probed slowly meanwhile).
 *
 * An activation that got no trustworthy answer is re-asked with its key; the notice keeps when the
 * last request left (so nobody re-asks while it may still be processed) and when to ask next.
 *
 * SQLite cannot change a CHECK in place: outbox_message is rebuilt (migrate() turns foreign keys off
 * around the transaction and checks them before the commit), its indexes and trigger recreated.
 */
import type { Migration } from '../migrate';

const SQL = /* sql */ `
CREATE TABLE outbox_message_v2 (
  id                 INTEGER PRIMARY KEY,
  session_id         TEXT NOT NULL REFERENCES payment_session (id),
  notice_id          INTEGER NOT NULL REFERENCES session_notice (id),
  payment_token      TEXT NOT NULL,
  outcome            TEXT NOT NULL CHECK (outcome IN ('OK', 'KO')),
  details            TEXT CHECK (details IS NULL OR json_valid(details)),
  state              TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'in-flight', 'stalled', 'parked', 'accepted', 'failed-final', 'needs-decision')),
  attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at_ms INTEGER NOT NULL,
  deadline_ms        INTEGER NOT NULL,
  idempotency_key    TEXT,
  last_error_code    TEXT,
  last_error_message TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (payment_token, outcome),
  UNIQUE (notice_id, outcome)
) STRICT;
INSERT INTO outbox_message_v2
  SELECT id, session_id, notice_id, payment_token, outcome, details,
         CASE WHEN state = 'pending' AND next_attempt_at_ms >= 8000000000000000 THEN 'stalled' ELSE state END,
         attempts,
         CASE WHEN state = 'pending' AND next_attempt_at_ms >= 8000000000000000 THEN 0 ELSE next_attempt_at_ms END,
         deadline_ms, idempotency_key, last_error_code, last_error_message, created_at, updated_at
  FROM outbox_message;
DROP TABLE outbox_message;
ALTER TABLE outbox_message_v2 RENAME TO outbox_message;
CREATE INDEX outbox_message_due ON outbox_message (state, deadline_ms);
CREATE INDEX outbox_message_by_session ON outbox_message (session_id);
CREATE TRIGGER outbox_message_names_its_notice BEFORE INSERT ON outbox_message
WHEN NOT EXISTS (
  SELECT 1 FROM session_notice n
  WHERE n.id = NEW.notice_id AND n.session_id = NEW.session_id AND n.payment_token = NEW.payment_token
)
BEGIN
  SELECT RAISE(ABORT, 'an outcome must name an activated notice of its session by its token');
END;

-- When the first activatePaymentNoticeV2 for this notice left and when the latest one did (epoch ms,
-- engine time: any of them may have opened a token), how many times an unanswered activation was
-- asked again, and when to ask next.
ALTER TABLE session_notice ADD COLUMN activate_sent_at_ms INTEGER;
ALTER TABLE session_notice ADD COLUMN activate_last_sent_at_ms INTEGER;
ALTER TABLE session_notice ADD COLUMN activate_asks INTEGER NOT NULL DEFAULT 0 CHECK (activate_asks >= 0);
ALTER TABLE session_notice ADD COLUMN activate_next_ask_at_ms INTEGER;
-- The recovery sweep looks for these every few seconds; they are few at any time.
CREATE INDEX session_notice_activation_unknown ON session_notice (id) WHERE phase = 'activation-unknown';
`;

export const outboxHoldsAndActivationAsks: Migration = {
  version: 2,
  name: 'outbox-holds-and-activation-asks',
  up(db) {
    db.exec(SQL);
  },
};
