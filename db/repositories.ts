/**
 * Builds every repository over one connection, each wrapped so that a SQLite failure reaches the
 * caller as a typed error (StorageUnavailable, DatabaseCorrupt, ConstraintViolated...).
 */
import { guardMethods } from './sqlite-errors';
import type { RepoContext } from './repos/context';
import { journalRepository } from './repos/journal';
import type { JournalRepository } from './repos/journal';
import { noticeRepository } from './repos/notices';
import type { NoticeRepository } from './repos/notices';
import { outboxRepository } from './repos/outbox';
import type { OutboxRepository } from './repos/outbox';
import { sessionRepository } from './repos/sessions';
import type { SessionRepository } from './repos/sessions';
import { printJobRepository } from './repos/print-jobs';
import type { PrintJobRepository } from './repos/print-jobs';
import { settingRepository } from './repos/settings';
import type { SettingRepository } from './repos/settings';
import { shiftRepository } from './repos/shifts';
import type { ShiftRepository } from './repos/shifts';
import { tenderRepository } from './repos/tenders';
import { catalogueRepository } from './repos/catalogue';
import type { CatalogueRepository } from './repos/catalogue';
import type { TenderRepository } from './repos/tenders';

export interface Repositories {
  readonly sessions: SessionRepository;
  readonly notices: NoticeRepository;
  readonly tenders: TenderRepository;
  readonly outbox: OutboxRepository;
  readonly journal: JournalRepository;
  readonly shifts: ShiftRepository;
  readonly settings: SettingRepository;
  readonly printJobs: PrintJobRepository;
  readonly catalogue: CatalogueRepository;
}

export function createRepositories(path: string, ctx: RepoContext): Repositories {
  return {
    sessions: guardMethods(path, sessionRepository(ctx)),
    notices: guardMethods(path, noticeRepository(ctx)),
    tenders: guardMethods(path, tenderRepository(ctx)),
    outbox: guardMethods(path, outboxRepository(ctx)),
    journal: guardMethods(path, journalRepository(ctx)),
    shifts: guardMethods(path, shiftRepository(ctx)),
    settings: guardMethods(path, settingRepository(ctx)),
    printJobs: guardMethods(path, printJobRepository(ctx)),
    catalogue: guardMethods(path, catalogueRepository(ctx)),
  };
}
