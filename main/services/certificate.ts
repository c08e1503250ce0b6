/**
 * The payment certificate of a session: the model (drivers/certificate decides what it says), its
 * SVG preview, and its delivery. The original of a final certificate, once on paper or in a PDF,
 * makes the session certified (completed -> certified); every later copy is a marked duplicate, and
 * duplicates on paper beyond the first need a supervisor (SUPERVISOR_REQUIRED, reason `reprint`).
 * An SVG is a preview: it issues nothing and counts no copy.
 *
 * Where it goes: the configured receipt printer (printer/setting.ts) through the core's durable print
 * queue (printer/service.ts: one original per session and paper, a failed print kept with its
 * reason, the session certified when the final's original reaches paper), or a target the caller names
 * (`to`), which needs the technician role and, for anyone but the terminal's local owner (the CLI),
 * a place the printer policy allows (printer/policy.ts).
 */
import { loadSession } from '../engine/store';
import { SessionNotFound } from '../engine/engine';
import {
  certificateDocument,
  certificateFor,
  certificateText,
  deliver,
  formatOutput,
  parseOutput,
  renderSvg,
} from '../../drivers/certificate/index';
import type { CertificateModel, Language, OutputTarget, Paper, TenderDetails } from '../../drivers/certificate/index';
import { PRINT_WARNINGS, PrinterUnavailable, warningMessageKey } from '../../drivers/printer/index';
import type { PrintWarning } from '../../drivers/printer/index';
import type { Core } from '../core/core';
import { RoleRequired, SupervisorRequired } from './access/errors';
import type { Principal } from './access/principal';
import { allowedOutput, spoolDir } from './printer/policy';
import { configuredPrinter, requirePrinter } from './printer/setting';
import { duplicatesKey } from './printer/copies';
import type { AttemptResult, PrintService, PrintTimeouts } from './printer/service';

export type { PrintTimeouts } from './printer/service';

export interface CertificateRequest {
  sessionId: string;
  locale?: Language | undefined;
  reprint?: boolean | undefined;
}

export interface PrintRequest extends CertificateRequest {
  /** A target other than the configured printer: serial:, tcp:, usb:, file:, pdf:, svg: */
  to?: string | undefined;
  /** With `to`: the roll width, or a4 for pdf:/svg: (default 80mm). */
  paper?: Paper | undefined;
}

export function certificateModel(core: Core, r: CertificateRequest): CertificateModel {
  const loaded = loadSession(core.db, r.sessionId);
  if (!loaded) throw new SessionNotFound(r.sessionId);
  // the operation's time is when the money was taken: the tender row, written with the OK outcomes
  const payment = core.db.tenders.listBySession(r.sessionId).find((t) => t.kind === 'payment');
  return certificateFor(loaded.state, {
    psp: { name: core.config.node.pspName, fiscalCode: core.config.node.pspFiscalCode },
    terminalId: loaded.record.terminalId,
    operatorId: loaded.record.operatorId,
    locale: r.locale ?? core.config.terminal.locale,
    variant: r.reprint ? 'duplicate' : 'original',
    paidAtMs: Date.parse(payment?.createdAt ?? loaded.record.updatedAt),
    printedAtMs: core.engine.now(),
    tenderDetails: tenderDetailsOf(core, r.sessionId),
  });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The card's or the other means' details from the session's journal: the operator's
 * `tender-details` (counter) or the card terminal's approved `card-authorization` (kiosk, or a
 * counter with a terminal; its acquirer reference printed as the reference), the newest one. The
 * model masks any card number down to its last 4 digits.
 */
export function tenderDetailsOf(core: Core, sessionId: string): TenderDetails | null {
  const entries = core.db.journal.bySession(sessionId);
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    const p = (typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload) ? e.payload : {}) as Record<
      string,
      unknown
    >;
    if (e.kind === 'tender-details')
      return pick({ authCode: str(p.authCode), brand: str(p.brand), card: str(p.last4), reference: str(p.reference) });
    if (e.kind === 'card-authorization' && p.outcome === 'approved')
      return pick({ authCode: str(p.authCode), brand: str(p.cardBrand), card: str(p.maskedPan), reference: str(p.acquirerReference) });
  }
  return null;
}

function pick(d: Partial<Record<keyof TenderDetails, string | undefined>>): TenderDetails {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as TenderDetails;
}

const title = (m: CertificateModel, sessionId: string) => `${certificateText(m.locale)(`title.${m.kind}`)} ${sessionId}`;

export function configuredCertificatePrinter(core: Core): { target: string; paper: '80mm' | '58mm' } | null {
  const p = configuredPrinter(core.db, core.dataDir);
  return p ? { target: formatOutput(p.output), paper: p.choice.paper } : null;
}

export function previewCertificate(core: Core, r: CertificateRequest) {
  const m = certificateModel(core, r);
  const printer = configuredPrinter(core.db, core.dataDir);
  const columns = printer?.choice.paper === '58mm' ? 32 : 48;
  return {
    kind: m.kind,
    duplicate: m.duplicate,
    printerConfigured: printer !== null,
    svg: renderSvg(certificateDocument(m), { columns, title: title(m, r.sessionId) }),
  };
}

/** Where a print goes, and on which paper. */
function destination(core: Core, r: PrintRequest, caller: Principal): { output: OutputTarget; paper: Paper } {
  if (r.to === undefined) {
    const { choice, output } = requirePrinter(core.db, core.dataDir);
    return { output, paper: choice.paper };
  }
  if (!caller.roles.has('technician')) throw new RoleRequired('certificate.print to a named target', ['technician']);
  const output = caller.kind === 'local' ? parseOutput(r.to) : allowedOutput(r.to, spoolDir(core.db, core.dataDir));
  return { output, paper: r.paper ?? '80mm' };
}

export async function printCertificate(
  core: Core,
  printing: PrintService,
  r: PrintRequest,
  caller: Principal,
  timeouts: PrintTimeouts = {},
) {
  if (r.to !== undefined) return printElsewhere(core, r, caller, timeouts);
  requirePrinter(core.db, core.dataDir);
  const m = certificateModel(core, r);
  let result: AttemptResult;
  let deduplicated = false;
  // One original per session and paper: an ask that is not for a copy (the screen after the core's
  // own print, a reloaded kiosk) gets the original's job, kept or printed, and never a second paper.
  const original = r.reprint ? undefined : core.db.printJobs.original(r.sessionId, m.kind);
  if (original) {
    deduplicated = true;
    result = await printing.printNow(original.id);
  } else if (!m.duplicate) {
    const { job } = printing.enqueueOriginal(r.sessionId, m, { drain: false });
    result = await printing.printNow(job.id);
  } else {
    const copies = Number(core.db.settings.get(duplicatesKey(r.sessionId)) ?? 0);
    if (copies >= 1 && !caller.roles.has('supervisor')) throw new SupervisorRequired('reprint', { sessionId: r.sessionId, copies });
    result = await printing.submit({
      sessionId: r.sessionId,
      kind: 'duplicate',
      title: `${title(m, r.sessionId.slice(0, 8))}`,
      source: { type: 'certificate', sessionId: r.sessionId, locale: m.locale, duplicate: true, by: caller.operatorId ?? caller.kind },
    });
  }
  if (result.error) {
    // kept in the queue with the reason: printed when the printer recovers, or reprinted on request
    throw new PrinterUnavailable(result.error.reason, result.error.message, {
      details: { ...result.error.details, jobId: result.job.id, kept: true },
      cause: result.error,
    });
  }
  const printedNow = result.job.state === 'printed' && result.bytes > 0;
  return {
    kind: m.kind,
    duplicate: deduplicated ? result.job.kind === 'duplicate' : m.duplicate,
    certified: printedNow && m.kind === 'final' && !m.duplicate && core.engine.get(r.sessionId).status === 'certified',
    output: configuredCertificatePrinter(core)?.target ?? '',
    bytes: result.bytes,
    notices: m.notices.length,
    warnings: result.warnings.map((w) => warningMessageKey(w)),
    job: { id: result.job.id, state: result.job.state },
    deduplicated,
  };
}

/** A technician's named target (a file, a PDF, another printer): delivered directly, not queued. */
async function printElsewhere(core: Core, r: PrintRequest, caller: Principal, timeouts: PrintTimeouts) {
  const { output, paper } = destination(core, r, caller);
  const m = certificateModel(core, r);
  const onPaper = output.kind !== 'svg';
  const copies = Number(core.db.settings.get(duplicatesKey(r.sessionId)) ?? 0);
  if (onPaper && m.duplicate && copies >= 1 && !caller.roles.has('supervisor'))
    throw new SupervisorRequired('reprint', { sessionId: r.sessionId, copies });
  const delivery = await deliver(certificateDocument(m), output, {
    paper,
    title: title(m, r.sessionId),
    createdAtMs: m.printedAtMs,
    ...timeouts,
  });
  if (onPaper && m.duplicate) {
    core.db.transaction(() => {
      core.db.settings.set(duplicatesKey(r.sessionId), copies + 1);
      core.db.journal.append('certificate-duplicate-printed', { copy: copies + 1, by: caller.operatorId ?? caller.kind }, r.sessionId);
    });
  }
  let certified = false;
  if (onPaper && m.kind === 'final' && !m.duplicate && core.engine.get(r.sessionId).status === 'completed') {
    await core.engine.apply(r.sessionId, { type: 'certificate-issued' });
    certified = true;
  }
  return {
    kind: m.kind,
    duplicate: m.duplicate,
    certified,
    output: formatOutput(output),
    bytes: delivery.bytes,
    notices: m.notices.length,
    warnings: delivery.warnings.map((w) => ((PRINT_WARNINGS as readonly string[]).includes(w) ? warningMessageKey(w as PrintWarning) : w)),
  };
}
