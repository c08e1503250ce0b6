/**
 * The technician's printer checks and device choice: the test page to the chosen printer (or a
 * target the policy allows), the printer's status (DLE EOT), and saving the chosen printer, paper,
 * scanner, card terminal and spool directory in one transaction, journaled.
 */
import { deliver, parseOutput } from '../../../drivers/certificate/index';
import {
  parseTarget,
  Printer,
  PrinterUnavailable,
  printerText,
  printTestPage,
  PROFILE_58MM,
  PROFILE_80MM,
  statusProblem,
} from '../../../drivers/printer/index';
import { parseScript } from '../../../drivers/tender';
import { SportelloError } from '../../../kernel/errors';
import type { Core } from '../../core/core';
import { writeCardTerminalSettings } from '../kiosk/settings';
import type { CardTerminalSettings } from '../kiosk/settings';
import { allowedOutput, checkOutput, ensureSpoolDir, SPOOL_SETTING, spoolDir } from '../printer/policy';
import { readDeviceChoice, writeDeviceChoice } from './devices';
import type { DeviceChoice } from './devices';

export class NoPrinterChosen extends SportelloError {
  declare readonly code: 'PRINTER_NOT_CHOSEN';
  constructor() {
    super('PRINTER_NOT_CHOSEN', 'no printer is chosen: choose one in the device list or give a target');
  }
}

const profileOf = (paper: '80mm' | '58mm') => (paper === '58mm' ? PROFILE_58MM : PROFILE_80MM);

export async function testPrint(core: Core, target: string | undefined) {
  const { db } = core;
  const choice = readDeviceChoice(db);
  const text = target ?? choice.printer;
  if (!text) throw new NoPrinterChosen();
  const profile = profileOf(choice.paper);
  const lang = core.config.terminal.locale;
  // Only printer devices, tcp, or a file directly in the spool directory (printer/policy.ts).
  const output = allowedOutput(text, spoolDir(db, core.dataDir));
  const d = await deliver(printTestPage(profile, printerText(lang)), output, {
    paper: choice.paper,
    profile,
    title: printerText(lang)('testPage.title'),
    createdAtMs: core.engine.now(),
  });
  return { output: d.output, bytes: d.bytes, warnings: [...d.warnings] };
}

export async function printerStatus(core: Core) {
  const { db } = core;
  const choice = readDeviceChoice(db);
  if (!choice.printer) return { target: null, state: 'none' as const, reason: null, paperNearEnd: false };
  try {
    const output = checkOutput(parseOutput(choice.printer), spoolDir(db, core.dataDir), choice.printer);
    const target = output.kind === 'printer' ? output.target : parseTarget(choice.printer);
    const status = await new Printer({ target, profile: profileOf(choice.paper), jobTimeoutMs: 5_000 }).status();
    if (status === 'unknown') return { target: choice.printer, state: 'unknown' as const, reason: null, paperNearEnd: false };
    const problem = statusProblem(status);
    return {
      target: choice.printer,
      state: problem ? ('problem' as const) : ('ready' as const),
      reason: problem ?? null,
      paperNearEnd: status.paperNearEnd,
    };
  } catch (e) {
    if (e instanceof PrinterUnavailable)
      return { target: choice.printer, state: 'unavailable' as const, reason: e.reason, paperNearEnd: false };
    if (e instanceof SportelloError && e.code === 'PRINTER_TARGET_REFUSED')
      return { target: choice.printer, state: 'unavailable' as const, reason: e.message, paperNearEnd: false };
    throw e;
  }
}

export interface DevicesChange extends Partial<DeviceChoice> {
  cardTerminal?: CardTerminalSettings | undefined;
  spoolDir?: string | undefined;
}

/** Saves a device choice; returns it with the spool directory in force after it. */
export function chooseDevices(core: Core, r: DevicesChange): { choice: DeviceChoice; spoolDir: string } {
  const { db } = core;
  const { cardTerminal, spoolDir: newSpool, ...change } = r;
  if (cardTerminal?.kind === 'simulated') parseScript(cardTerminal.script); // TENDER_REQUEST_INVALID names the bad word
  // The spool directory first: a file target is checked against the one in force after this call.
  const spool = newSpool ?? spoolDir(db, core.dataDir);
  if (newSpool !== undefined) ensureSpoolDir(newSpool);
  // PRINTER_TARGET_INVALID for nonsense, PRINTER_TARGET_REFUSED for a place the policy forbids.
  if (change.printer) checkOutput(parseOutput(change.printer), spool, change.printer);
  const choice = db.transaction(() => {
    if (cardTerminal) writeCardTerminalSettings(db, cardTerminal);
    if (newSpool !== undefined) db.settings.set(SPOOL_SETTING, newSpool);
    const c = writeDeviceChoice(db, change);
    db.journal.append('devices-chosen', {
      printer: c.printer,
      paper: c.paper,
      scanner: c.scanner,
      cardTerminal: cardTerminal?.kind ?? null,
      spoolDir: spool,
    });
    return c;
  });
  return { choice, spoolDir: spool };
}
