/**
 * Every migration, in order. A new one goes at the end with the next number; the list is checked
 * (1..N, no gaps) at import so a mistake fails the first test that opens a database.
 */
import { checkRegistry } from '../migrate';
import type { Migration } from '../migrate';
import { initial } from './0001-initial';
import { outboxHoldsAndActivationAsks } from './0002-outbox-holds-and-activation-asks';
import { sessionSearchIndexes } from './0003-session-search-indexes';
import { printJobs } from './0004-print-jobs';
import { noticeService } from './0005-notice-service';
import { serviceCatalogue } from './0006-service-catalogue';

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  initial,
  outboxHoldsAndActivationAsks,
  sessionSearchIndexes,
  printJobs,
  noticeService,
  serviceCatalogue,
]);

checkRegistry(MIGRATIONS);

/** The schema version this code writes. */
export const LATEST_VERSION = MIGRATIONS.length;
