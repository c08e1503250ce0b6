/**
 * Technician mode's calls. The PIN is checked in the core (TechnicianAccess); the gate admits the
 * other calls only with the token an unlock returns (roles.ts), so nothing here checks it. Settings
 * are written to the configuration file (node, terminal, fees) or the database's settings table
 * (devices, spool directory, kiosk timing, card terminal).
 */
import { readFileSync } from 'node:fs';
import { tryParseNotice } from '../../../drivers/payload';
import { deliver } from '../../../drivers/certificate/index';
import { parseTarget, Printer, PrinterUnavailable, printerText, printTestPage, PROFILE_58MM, PROFILE_80MM, statusProblem } from '../../../drivers/printer/index';
import { parseScript } from '../../../drivers/tender';
import { SportelloError } from '../../../kernel/errors';
import { secretScrubber } from '../../services/secrets';
import { secretValues } from '../../config/load';
import { parseOutput } from '../../../drivers/certificate/index';
import { cardTerminalOf } from './kiosk';
import { PinChangeRequired } from '../../services/access/errors';
import { allowedOutput, checkOutput, ensureSpoolDir, SPOOL_SETTING, spoolDir } from '../../services/printer/policy';
import { listDevices, readDeviceChoice, systemDeviceSources, writeDeviceChoice } from '../../services/technician/devices';
import { diagnosticsBundle } from '../../services/technician/diagnostics';
import { nodeForTest, saveSettings } from '../../services/technician/node-settings';
import { testNode } from '../../services/technician/node-test';
import { readCardTerminalSettings, readKioskTiming, writeCardTerminalSettings, writeKioskTiming } from '../../services/kiosk/settings';
import type { HandlerContext, Handlers } from './types';

type TechnicianCalls = Extract<keyof Handlers, `technician.${string}`>;

export class NoPrinterChosen extends SportelloError {
  declare readonly code: 'PRINTER_NOT_CHOSEN';
  constructor() {
    super('PRINTER_NOT_CHOSEN', 'no printer is chosen: choose one in the device list or give a target');
  }
}

/** A warning's details as message parameters: only strings and numbers fill a placeholder. */
function printable(details: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

function sportelloVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export function technicianHandlers(ctx: HandlerContext): Handlers<TechnicianCalls> {
  const { core } = ctx;
  const { db } = core;
  const demo = core.mode === 'demo';
  const access = ctx.technician;
  const terminal = cardTerminalOf(ctx);
  const scrub = secretScrubber(secretValues(core.config));
  const profileOf = (paper: '80mm' | '58mm') => (paper === '58mm' ? PROFILE_58MM : PROFILE_80MM);
  const devices = async () => {
    const list = await listDevices(systemDeviceSources, readDeviceChoice(db));
    const device = terminal.current();
    return { ...list, choice: readDeviceChoice(db), spoolDir: spoolDir(db, core.dataDir), cardTerminal: { settings: readCardTerminalSettings(db, demo), state: device ? device.status().state : ('not-configured' as const) } };
  };

  return {
    'technician.pinStatus': () => access.status(),
    'technician.unlock': (r) => access.unlock(r.pin),
    'technician.lock': (_r, caller) => {
      if (caller.credential) access.lock(caller.credential);
      return { locked: true as const };
    },
    'technician.changePin': async (r, caller) => {
      await access.changePin(caller.credential ?? '', r.currentPin, r.newPin);
      return { changed: true as const };
    },
    'technician.devices': () => devices(),
    'technician.chooseDevices': (r) => {
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
        db.journal.append('devices-chosen', { printer: c.printer, paper: c.paper, scanner: c.scanner, cardTerminal: cardTerminal?.kind ?? null, spoolDir: spool });
        return c;
      });
      return { choice, cardTerminal: readCardTerminalSettings(db, demo), spoolDir: spool };
    },
    'technician.testScan': (r) => {
      const parsed = tryParseNotice(r.text, { strictCheckDigit: core.config.terminal.strictCheckDigit });
      if (!parsed.ok) throw parsed.error;
      const n = parsed.notice;
      return {
        kind: n.kind, noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode, amountCents: n.amountCents, postalAccount: n.postalAccount,
        checkDigitValid: n.checkDigitValid, symbology: n.symbology, warnings: n.warnings.map((w) => ({ code: w.code, messageKey: w.messageKey, details: printable(w.details) })),
      };
    },
    'technician.testPrint': async (r) => {
      const choice = readDeviceChoice(db);
      const text = r.target ?? choice.printer;
      if (!text) throw new NoPrinterChosen();
      const profile = profileOf(choice.paper);
      const lang = core.config.terminal.locale;
      // Only printer devices, tcp, or a file directly in the spool directory (printer-policy.ts).
      const output = allowedOutput(text, spoolDir(db, core.dataDir));
      const d = await deliver(printTestPage(profile, printerText(lang)), output, {
        paper: choice.paper, profile, title: printerText(lang)('testPage.title'), createdAtMs: core.engine.now(),
      });
      return { output: d.output, bytes: d.bytes, warnings: [...d.warnings] };
    },
    'technician.printerStatus': async () => {
      const choice = readDeviceChoice(db);
      if (!choice.printer) return { target: null, state: 'none' as const, reason: null, paperNearEnd: false };
      try {
        const output = checkOutput(parseOutput(choice.printer), spoolDir(db, core.dataDir), choice.printer);
        const target = output.kind === 'printer' ? output.target : parseTarget(choice.printer);
        const status = await new Printer({ target, profile: profileOf(choice.paper), jobTimeoutMs: 5_000 }).status();
        if (status === 'unknown') return { target: choice.printer, state: 'unknown' as const, reason: null, paperNearEnd: false };
        const problem = statusProblem(status);
        return { target: choice.printer, state: problem ? ('problem' as const) : ('ready' as const), reason: problem ?? null, paperNearEnd: status.paperNearEnd };
      } catch (e) {
        if (e instanceof PrinterUnavailable) return { target: choice.printer, state: 'unavailable' as const, reason: e.reason, paperNearEnd: false };
        if (e instanceof SportelloError && e.code === 'PRINTER_TARGET_REFUSED') return { target: choice.printer, state: 'unavailable' as const, reason: e.message, paperNearEnd: false };
        throw e;
      }
    },
    'technician.saveSettings': async (r) => {
      // Configuring the terminal is the step that ends the default PIN: set a new one first.
      if (access.defaultPinInUse()) throw new PinChangeRequired();
      const { file, config: next } = await saveSettings(core.config, r, core.configFile, core.secrets);
      const changed = (Object.keys(next.node) as Array<keyof typeof next.node>).filter((k) => JSON.stringify(next.node[k]) !== JSON.stringify(core.config.node[k]));
      db.journal.append('settings-saved', { nodeFields: changed, terminalId: next.terminal.id, fees: next.fees.kind });
      return { file, restartRequired: true as const };
    },
    'technician.testNode': (r) => {
      if (!r.node) return testNode(core.config.node);
      // The stored secrets go only to the stored endpoint's server (node-settings.ts nodeForTest).
      const { node, credentials } = nodeForTest(core.config.node, r.node);
      return testNode(node, Date.now, undefined, credentials);
    },
    'technician.setKioskTiming': (r) => writeKioskTiming(db, r.timing),
    'technician.diagnostics': async () => {
      const { demoPin: _demoPin, ...pin } = access.status();
      return diagnosticsBundle({
        core, sportelloVersion: sportelloVersion(), devices: await devices(), scrub, now: core.engine.now(),
        extra: { node: ctx.nodeWatch.get(), pin, kiosk: { timing: readKioskTiming(db), cardTerminal: readCardTerminalSettings(db, demo) } },
      });
    },
  };
}
