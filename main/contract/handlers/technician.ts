/**
 * Technician mode's calls. The PIN is checked in the core (TechnicianAccess); every other call
 * needs the token an unlock returns. Settings are written to the configuration file (node, terminal,
 * fees) or the database's settings table (devices, kiosk timing, card terminal).
 */
import { readFileSync } from 'node:fs';
import { tryParseNotice } from '../../../drivers/payload';
import { deliver, parseOutput } from '../../../drivers/certificate/index';
import { parseTarget, Printer, PrinterUnavailable, printerText, printTestPage, PROFILE_58MM, PROFILE_80MM, statusProblem } from '../../../drivers/printer/index';
import { parseScript } from '../../../drivers/tender';
import { SportelloError } from '../../errors';
import { secretScrubber } from '../secrets';
import { cardTerminalOf } from './kiosk';
import { TechnicianAccess } from '../technician/access';
import { listDevices, readDeviceChoice, systemDeviceSources, writeDeviceChoice } from '../technician/devices';
import { diagnosticsBundle } from '../technician/diagnostics';
import { mergeNode, saveSettings } from '../technician/node-settings';
import { testNode } from '../technician/node-test';
import { readCardTerminalSettings, readKioskTiming, writeCardTerminalSettings, writeKioskTiming } from '../kiosk/settings';
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
  const access = new TechnicianAccess(db, core.engine.now, demo);
  const terminal = cardTerminalOf(ctx);
  const scrub = secretScrubber([core.config.node.password, core.config.node.subscriptionKey]);
  const profileOf = (paper: '80mm' | '58mm') => (paper === '58mm' ? PROFILE_58MM : PROFILE_80MM);
  const devices = async () => {
    const list = await listDevices(systemDeviceSources, readDeviceChoice(db));
    const device = terminal.current();
    return { ...list, choice: readDeviceChoice(db), cardTerminal: { settings: readCardTerminalSettings(db, demo), state: device ? device.status().state : ('not-configured' as const) } };
  };

  return {
    'technician.pinStatus': () => access.status(),
    'technician.unlock': (r) => access.unlock(r.pin),
    'technician.lock': (r) => {
      access.lock(r.auth);
      return { locked: true as const };
    },
    'technician.changePin': async (r) => {
      await access.changePin(r.auth, r.currentPin, r.newPin);
      return { changed: true as const };
    },
    'technician.devices': (r) => {
      access.check(r.auth);
      return devices();
    },
    'technician.chooseDevices': (r) => {
      access.check(r.auth);
      const { auth: _auth, cardTerminal, ...change } = r;
      if (cardTerminal?.kind === 'simulated') parseScript(cardTerminal.script); // TENDER_REQUEST_INVALID names the bad word
      const choice = db.transaction(() => {
        if (cardTerminal) writeCardTerminalSettings(db, cardTerminal);
        const c = writeDeviceChoice(db, change);
        db.journal.append('devices-chosen', { printer: c.printer, paper: c.paper, scanner: c.scanner, cardTerminal: cardTerminal?.kind ?? null });
        return c;
      });
      return { choice, cardTerminal: readCardTerminalSettings(db, demo) };
    },
    'technician.testScan': (r) => {
      access.check(r.auth);
      const parsed = tryParseNotice(r.text, { strictCheckDigit: core.config.terminal.strictCheckDigit });
      if (!parsed.ok) throw parsed.error;
      const n = parsed.notice;
      return {
        kind: n.kind, noticeNumber: n.noticeNumber, fiscalCode: n.fiscalCode, amountCents: n.amountCents, postalAccount: n.postalAccount,
        checkDigitValid: n.checkDigitValid, symbology: n.symbology, warnings: n.warnings.map((w) => ({ code: w.code, messageKey: w.messageKey, details: printable(w.details) })),
      };
    },
    'technician.testPrint': async (r) => {
      access.check(r.auth);
      const choice = readDeviceChoice(db);
      const text = r.target ?? choice.printer;
      if (!text) throw new NoPrinterChosen();
      const profile = profileOf(choice.paper);
      const lang = core.config.terminal.locale;
      const d = await deliver(printTestPage(profile, printerText(lang)), parseOutput(text, core.dataDir), {
        paper: choice.paper, profile, title: printerText(lang)('testPage.title'), createdAtMs: core.engine.now(),
      });
      return { output: d.output, bytes: d.bytes, warnings: [...d.warnings] };
    },
    'technician.printerStatus': async (r) => {
      access.check(r.auth);
      const choice = readDeviceChoice(db);
      if (!choice.printer) return { target: null, state: 'none' as const, reason: null, paperNearEnd: false };
      try {
        const status = await new Printer({ target: parseTarget(choice.printer), profile: profileOf(choice.paper), jobTimeoutMs: 5_000 }).status();
        if (status === 'unknown') return { target: choice.printer, state: 'unknown' as const, reason: null, paperNearEnd: false };
        const problem = statusProblem(status);
        return { target: choice.printer, state: problem ? ('problem' as const) : ('ready' as const), reason: problem ?? null, paperNearEnd: status.paperNearEnd };
      } catch (e) {
        if (e instanceof PrinterUnavailable) return { target: choice.printer, state: 'unavailable' as const, reason: e.reason, paperNearEnd: false };
        throw e;
      }
    },
    'technician.saveSettings': async (r) => {
      access.check(r.auth);
      const { auth: _auth, ...edit } = r;
      const { file, config: next } = await saveSettings(core.config, edit, core.configFile, core.secrets);
      const changed = (Object.keys(next.node) as Array<keyof typeof next.node>).filter((k) => JSON.stringify(next.node[k]) !== JSON.stringify(core.config.node[k]));
      db.journal.append('settings-saved', { nodeFields: changed, terminalId: next.terminal.id, fees: next.fees.kind });
      return { file, restartRequired: true as const };
    },
    'technician.testNode': (r) => {
      access.check(r.auth);
      return testNode(r.node ? mergeNode(core.config.node, r.node) : core.config.node);
    },
    'technician.setKioskTiming': (r) => {
      access.check(r.auth);
      return writeKioskTiming(db, r.timing);
    },
    'technician.diagnostics': async (r) => {
      access.check(r.auth);
      const { demoPin: _demoPin, ...pin } = access.status();
      return diagnosticsBundle({
        core, sportelloVersion: sportelloVersion(), devices: await devices(), scrub, now: core.engine.now(),
        extra: { node: ctx.nodeWatch.get(), pin, kiosk: { timing: readKioskTiming(db), cardTerminal: readCardTerminalSettings(db, demo) } },
      });
    },
  };
}
