/**
 * The print queue moves into the database (issue 14): a job is written before its first attempt, in
 * the same transaction as whatever makes it due, and kept with the printer's reason when it fails,
 * so a certificate survives paper out, an unplugged printer and a restart. `source` is what renders
 * the document again (a certificate is re-rendered from its session, so a job interrupted by a crash
 * is reprinted marked as a duplicate); `title` names the paper without personal data.
 */
import type { Migration } from '../migrate';

export const printJobs: Migration = {
  version: 4,
  name: 'print-jobs',
  up(db) {
    db.exec(/* sql */ `
CREATE TABLE print_job (
  id                  TEXT PRIMARY KEY,
  session_id          TEXT REFERENCES payment_session (id),
  kind                TEXT NOT NULL CHECK (kind IN ('final', 'pending', 'duplicate', 'report', 'test', 'drawer')),
  title               TEXT NOT NULL,
  source              TEXT NOT NULL CHECK (json_valid(source)),
  created_at          TEXT NOT NULL,
  attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  state               TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'printed', 'failed', 'discarded')),
  last_failure_reason TEXT,
  last_failure_key    TEXT,
  last_failure_at     TEXT,
  printed_at          TEXT
) STRICT;
CREATE INDEX print_job_open ON print_job (state) WHERE state IN ('queued', 'printing', 'failed');
CREATE INDEX print_job_by_session ON print_job (session_id) WHERE session_id IS NOT NULL;
-- never two originals of one paper for a session: a second request finds the first job
CREATE UNIQUE INDEX print_job_one_original ON print_job (session_id, kind)
  WHERE kind IN ('final', 'pending', 'drawer') AND state <> 'discarded';
`);
  },
};
