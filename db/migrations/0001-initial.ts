/**
 * The first schema. Money is INTEGER cents; times are ISO-8601 UTC TEXT, plus epoch-ms INTEGER
 * where a deadline is computed from them (token expiry, next attempt). STRICT tables make SQLite
 * refuse a float or a string where an integer belongs. Enumerations that storage itself relies on
 * are CHECKed; the engine's own statuses and phases are plain TEXT so the state machine can grow
 * without a table rebuild.
 */
import type { Migration } from '../migrate';

const SQL = /* sql */ `
-- An operator's sign-in at a terminal, from the opening float to the Z report.
CREATE TABLE shift (
  id                  TEXT PRIMARY KEY,
  terminal_id         TEXT NOT NULL,
  operator_id         TEXT NOT NULL,
  opened_at           TEXT NOT NULL,
  float_cents         INTEGER NOT NULL CHECK (float_cents >= 0),
  closed_at           TEXT,
  counted_cash_cents  INTEGER CHECK (counted_cash_cents >= 0),
  expected_cash_cents INTEGER,
  difference_cents    INTEGER,
  z_report_number     INTEGER UNIQUE,
  -- The journal's head when the shift closed: printed on the Z report, an anchor outside the file.
  journal_seq         INTEGER,
  journal_hash        TEXT,
  CHECK ((closed_at IS NULL) = (counted_cash_cents IS NULL)),
  CHECK ((closed_at IS NULL) = (z_report_number IS NULL)),
  CHECK (difference_cents IS NULL OR difference_cents = counted_cash_cents - expected_cash_cents)
) STRICT;
CREATE UNIQUE INDEX shift_one_open_per_terminal ON shift (terminal_id) WHERE closed_at IS NULL;
CREATE INDEX shift_by_opened ON shift (opened_at);

-- One customer's payment: a cart of 1..5 notices paid with one tender.
CREATE TABLE payment_session (
  id                   TEXT PRIMARY KEY,
  state                TEXT NOT NULL CHECK (state <> ''),
  kind                 TEXT NOT NULL CHECK (kind IN ('counter', 'kiosk', 'cli')),
  terminal_id          TEXT NOT NULL,
  operator_id          TEXT,
  shift_id             TEXT REFERENCES shift (id),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  -- Tender summary, what the customer was asked for and handed over.
  tender_method        TEXT CHECK (tender_method IN ('cash', 'card', 'other')),
  tender_notices_cents INTEGER CHECK (tender_notices_cents >= 0),
  tender_fee_cents     INTEGER CHECK (tender_fee_cents >= 0),
  tender_due_cents     INTEGER CHECK (tender_due_cents >= 0),
  tender_given_cents   INTEGER CHECK (tender_given_cents >= 0),
  tender_change_cents  INTEGER CHECK (tender_change_cents >= 0),
  -- Decisions a person takes when the node's answers cannot settle the session alone.
  refund_required      INTEGER NOT NULL DEFAULT 0 CHECK (refund_required IN (0, 1)),
  decision_reason      TEXT,
  operator_decision    TEXT CHECK (operator_decision IN ('treat-as-paid', 'refund')),
  decision_note        TEXT,
  decided_by           TEXT,
  decided_at           TEXT,
  version              INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK ((tender_method IS NULL) = (tender_due_cents IS NULL)),
  CHECK (tender_due_cents = tender_notices_cents + tender_fee_cents),
  CHECK (tender_given_cents IS NULL OR tender_change_cents = tender_given_cents - tender_due_cents)
) STRICT;
CREATE INDEX payment_session_by_created ON payment_session (created_at);
CREATE INDEX payment_session_by_state ON payment_session (state);
CREATE INDEX payment_session_by_shift ON payment_session (shift_id);

-- A notice in a session's cart, as read, as verified and as activated.
CREATE TABLE session_notice (
  id                       INTEGER PRIMARY KEY,
  session_id               TEXT NOT NULL REFERENCES payment_session (id),
  -- The notice's number within its session (1, 2, ...), never reused after a removal.
  position                 INTEGER NOT NULL CHECK (position >= 1),
  payload_kind             TEXT NOT NULL,
  payload_amount_cents     INTEGER CHECK (payload_amount_cents >= 0),
  postal_account           TEXT,
  fiscal_code              TEXT NOT NULL,
  notice_number            TEXT NOT NULL,
  phase                    TEXT NOT NULL CHECK (phase <> ''),
  -- verifyPaymentNotice
  verify_amount_cents      INTEGER CHECK (verify_amount_cents >= 0),
  verify_description       TEXT,
  verify_company_name      TEXT,
  verify_office_name       TEXT,
  verify_due_date          TEXT,
  verify_standin           INTEGER CHECK (verify_standin IN (0, 1)),
  verified_at              TEXT,
  -- activatePaymentNoticeV2: the key is stored before the request leaves.
  activate_idempotency_key TEXT UNIQUE,
  payment_token            TEXT UNIQUE,
  token_expires_at_ms      INTEGER,
  token_duration_ms        INTEGER CHECK (token_duration_ms > 0),
  activated_at             TEXT,
  creditor_reference_id    TEXT,
  total_amount_cents       INTEGER CHECK (total_amount_cents >= 0),
  activate_fiscal_code_pa  TEXT,
  activate_company_name    TEXT,
  activate_description     TEXT,
  transfers                TEXT CHECK (transfers IS NULL OR json_valid(transfers)),
  suggested_user_fee_cents INTEGER CHECK (suggested_user_fee_cents >= 0),
  suggested_pa_fee_cents   INTEGER CHECK (suggested_pa_fee_cents >= 0),
  suggested_id_bundle      TEXT,
  suggested_id_ci_bundle   TEXT,
  -- Where this notice's outcome stands with the node.
  outcome_state            TEXT NOT NULL DEFAULT 'none'
                           CHECK (outcome_state IN ('none', 'queued', 'accepted', 'accepted-late', 'refused', 'refund-required', 'needs-decision')),
  last_error               TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
  creditor_report_code     INTEGER CHECK (creditor_report_code IN (8, 9)),
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL,
  UNIQUE (session_id, position),
  CHECK ((payment_token IS NULL) = (token_expires_at_ms IS NULL)),
  CHECK ((payment_token IS NULL) = (token_duration_ms IS NULL))
) STRICT;
CREATE INDEX session_notice_by_number ON session_notice (notice_number, fiscal_code);

CREATE TRIGGER session_notice_at_most_five BEFORE INSERT ON session_notice
WHEN (SELECT count(*) FROM session_notice WHERE session_id = NEW.session_id) >= 5
BEGIN
  SELECT RAISE(ABORT, 'a payment session holds at most 5 notices');
END;

-- Money that changed hands: a payment into the drawer or a refund out of it.
CREATE TABLE tender (
  id           INTEGER PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES payment_session (id),
  kind         TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'refund')),
  method       TEXT NOT NULL CHECK (method IN ('cash', 'card', 'other')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  fee_cents    INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  given_cents  INTEGER CHECK (given_cents >= 0),
  change_cents INTEGER NOT NULL DEFAULT 0 CHECK (change_cents >= 0),
  operator_id  TEXT,
  terminal_id  TEXT NOT NULL,
  shift_id     TEXT REFERENCES shift (id),
  reference    TEXT,
  created_at   TEXT NOT NULL,
  CHECK (given_cents IS NULL OR change_cents = given_cents - amount_cents - fee_cents)
) STRICT;
CREATE INDEX tender_by_session ON tender (session_id);
CREATE INDEX tender_by_shift ON tender (shift_id);

-- One outcome (sendPaymentOutcomeV2) per token, delivered until the node answers for good.
CREATE TABLE outbox_message (
  id                 INTEGER PRIMARY KEY,
  session_id         TEXT NOT NULL REFERENCES payment_session (id),
  notice_id          INTEGER NOT NULL REFERENCES session_notice (id),
  payment_token      TEXT NOT NULL,
  outcome            TEXT NOT NULL CHECK (outcome IN ('OK', 'KO')),
  details            TEXT CHECK (details IS NULL OR json_valid(details)),
  state              TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'in-flight', 'accepted', 'failed-final', 'needs-decision')),
  -- Counts toward the retry limit; a technician's reset sets it back to 0.
  attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at_ms INTEGER NOT NULL,
  -- The token's expiry: attempts are scheduled earliest deadline first.
  deadline_ms        INTEGER NOT NULL,
  idempotency_key    TEXT,
  last_error_code    TEXT,
  last_error_message TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (payment_token, outcome),
  UNIQUE (notice_id, outcome)
) STRICT;
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

-- Every send of an outbox message: inserted before the bytes leave, finished when the answer is in.
CREATE TABLE delivery_attempt (
  id              INTEGER PRIMARY KEY,
  message_id      INTEGER NOT NULL REFERENCES outbox_message (id),
  -- 1, 2, ... over the message's whole life (unlike outbox_message.attempts, never reset).
  attempt_no      INTEGER NOT NULL CHECK (attempt_no >= 1),
  idempotency_key TEXT NOT NULL,
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  result          TEXT CHECK (result IN ('accepted', 'fault', 'no-response', 'unreachable', 'http-error', 'bad-response')),
  fault_code      TEXT,
  http_status     INTEGER,
  error_detail    TEXT,
  UNIQUE (message_id, attempt_no),
  CHECK ((finished_at IS NULL) = (result IS NULL))
) STRICT;
-- Attempts without an answer: few at any time, looked for at every start.
CREATE INDEX delivery_attempt_open ON delivery_attempt (message_id) WHERE finished_at IS NULL;

-- Append-only, hash-chained record of what happened. AUTOINCREMENT keeps the highest seq ever
-- issued in sqlite_sequence, which is how a deleted tail is noticed.
CREATE TABLE journal (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind <> ''),
  session_id TEXT,
  payload    TEXT NOT NULL CHECK (json_valid(payload)),
  prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash       TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX journal_by_session ON journal (session_id) WHERE session_id IS NOT NULL;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only');
END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
  SELECT RAISE(ABORT, 'the journal is append-only');
END;

-- Small configuration-like state (counters, last technician actions), JSON values.
CREATE TABLE setting (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
  },
};
