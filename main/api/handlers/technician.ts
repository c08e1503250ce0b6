/**
 * Technician mode's calls. The PIN is checked in the core (TechnicianAccess); the gate admits the
 * other calls only with the token an unlock returns (roles.ts), so nothing here checks it. Settings
 * are written to the configuration file (node, terminal, fees) or the database's settings table
 * (devices, spool directory, kiosk timing, card terminal).
 */
import { tryParseNotice } from '../../../drivers/payload';
import { secretScrubber } from '../../services/secrets';
import { secretValues } from '../../config/load';
import { cardTerminalOf } from './kiosk';
import { testCardTerminal } from '../../services/kiosk/card-test';
import { PinChangeRequired } from '../../services/access/errors';
import { spoolDir } from '../../services/printer/policy';
import { listDevices, readDeviceChoice, systemDeviceSources } from '../../services/technician/devices';
import { diagnosticsBundle } from '../../services/technician/diagnostics';
import { nodeForTest, saveSettings } from '../../services/technician/node-settings';
import { testNode } from '../../services/technician/node-test';
import { chooseDevices, printerStatus, testPrint } from '../../services/technician/printer';
import { readCardTerminalSettings, readKioskTiming, writeKioskTiming } from '../../services/kiosk/settings';
import { sportelloVersion } from '../../services/version';
import { setLogLevel } from '../../core/core';
import type { HandlerContext, Handlers } from './types';

/** (The kiosk's services: handlers/kiosk-services.ts.) */
type TechnicianCalls = Exclude<Extract<keyof Handlers, `technician.${string}`>, 'technician.kioskServices' | 'technician.setKioskServices'>;

/** A warning's details as message parameters: only strings and numbers fill a placeholder. */
function printable(details: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

export function technicianHandlers(ctx: HandlerContext): Handlers<TechnicianCalls> {
  const { core } = ctx;
  const { db } = core;
  const demo = core.mode === 'demo';
  const access = ctx.technician;
  const terminal = cardTerminalOf(ctx);
  const scrub = secretScrubber(secretValues(core.config));
  const devices = async () => {
    const list = await listDevices(systemDeviceSources, readDeviceChoice(db));
    await terminal.loadKey();
    const device = terminal.current();
    return {
      ...list,
      choice: readDeviceChoice(db),
      spoolDir: spoolDir(db, core.dataDir),
      cardTerminal: {
        settings: readCardTerminalSettings(db, demo),
        state: device ? device.status().state : ('not-configured' as const),
        keyStored: terminal.keyStored(),
      },
    };
  };

  const logSettings = () => ({ level: core.log.level(), file: core.log.file().path, unavailable: core.log.file().unavailable });

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
      const { choice, spoolDir: spool } = chooseDevices(core, r);
      return { choice, cardTerminal: readCardTerminalSettings(db, demo), spoolDir: spool };
    },
    'technician.testScan': (r) => {
      const parsed = tryParseNotice(r.text, { strictCheckDigit: core.config.terminal.strictCheckDigit });
      if (!parsed.ok) throw parsed.error;
      const n = parsed.notice;
      return {
        kind: n.kind,
        noticeNumber: n.noticeNumber,
        fiscalCode: n.fiscalCode,
        amountCents: n.amountCents,
        postalAccount: n.postalAccount,
        checkDigitValid: n.checkDigitValid,
        symbology: n.symbology,
        warnings: n.warnings.map((w) => ({ code: w.code, messageKey: w.messageKey, details: printable(w.details) })),
      };
    },
    'technician.testPrint': (r) => testPrint(core, r.target),
    'technician.printerStatus': () => printerStatus(core),
    'technician.saveSettings': async (r) => {
      // Configuring the terminal is the step that ends the default PIN: set a new one first.
      if (access.defaultPinInUse()) throw new PinChangeRequired();
      const { file, config: next } = await saveSettings(core.config, r, core.configFile, core.secrets);
      const changed = (Object.keys(next.node) as Array<keyof typeof next.node>).filter(
        (k) => JSON.stringify(next.node[k]) !== JSON.stringify(core.config.node[k]),
      );
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
    'technician.setCardTerminalKey': async (r) => {
      await terminal.setKey(r.passphrase);
      db.journal.append('card-terminal-key-set', { keyStored: true });
      return { keyStored: true as const };
    },
    'technician.testCardTerminal': async () => {
      await terminal.loadKey();
      return testCardTerminal(core, terminal.current());
    },
    'technician.diagnostics': async () => {
      const { demoPin: _demoPin, ...pin } = access.status();
      return diagnosticsBundle({
        core,
        sportelloVersion: sportelloVersion(),
        devices: await devices(),
        scrub,
        now: core.engine.now(),
        extra: { node: ctx.nodeWatch.get(), pin, kiosk: { timing: readKioskTiming(db), cardTerminal: readCardTerminalSettings(db, demo) } },
      });
    },
    'technician.logSettings': () => logSettings(),
    'technician.setLogLevel': (r) => {
      setLogLevel(core, r.level);
      return logSettings();
    },
    'technician.journalSearch': (r) => db.journal.search(r),
  };
}
