/**
 * The kiosk's receipt printer, checked before a citizen pays: configured (and allowed by the printer
 * policy), reachable, and ready (DLE EOT: no paper end, cover closed, no error, online). A spool file
 * cannot answer a status question: it counts as ready. A kiosk that cannot print acts as the
 * technician chose (`kiosk.withoutPrinter`): out of service, or the QR receipt with consent.
 */
import { Printer, PrinterUnavailable, PROFILE_58MM, PROFILE_80MM, statusProblem } from '../../../drivers/printer/index';
import type { Core } from '../../core/core';
import type { KioskPrinterState, WithoutPrinter } from '../../contract/kiosk/settings-schemas';
import { configuredPrinter } from '../printer/setting';
import { KioskOutOfService } from './errors';

export interface KioskPrinterCheck {
  state: KioskPrinterState;
  /** Why not ready: 'not-configured', or the driver's reason (paper-end, cover-open, offline, timeout, …). */
  reason: string | null;
}

/** A citizen waits on this at the first screen: a printer silent for this long counts as not working. */
const STATUS_TIMEOUT_MS = 3_000;

export async function checkKioskPrinter(core: Pick<Core, 'db' | 'dataDir'>): Promise<KioskPrinterCheck> {
  const printer = configuredPrinter(core.db, core.dataDir);
  if (!printer || printer.output.kind !== 'printer') return { state: 'none', reason: 'not-configured' };
  const target = printer.output.target;
  if (target.kind === 'file') return { state: 'ready', reason: null };
  const profile = printer.choice.paper === '58mm' ? PROFILE_58MM : PROFILE_80MM;
  try {
    const status = await new Printer({ target, profile, jobTimeoutMs: STATUS_TIMEOUT_MS, statusTimeoutMs: STATUS_TIMEOUT_MS }).status();
    const problem = statusProblem(status);
    return problem ? { state: 'problem', reason: problem } : { state: 'ready', reason: null };
  } catch (e) {
    if (e instanceof PrinterUnavailable) return { state: 'problem', reason: e.reason };
    throw e;
  }
}

/** KIOSK_OUT_OF_SERVICE when the printer does not work and the technician chose to stop taking payments. */
export function requireReceiptWay(check: KioskPrinterCheck, withoutPrinter: WithoutPrinter): 'paper' | 'qr' {
  if (check.state === 'ready') return 'paper';
  if (withoutPrinter === 'qr-receipt') return 'qr';
  throw new KioskOutOfService(check.reason ?? check.state);
}
