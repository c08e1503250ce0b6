/**
 * Which receipt printer the terminal prints on: the technician's choice, kept in the database's
 * settings under `devices.printer` as `{ target, paper, model }` (target as drivers/printer parses it:
 * serial:, tcp:, usb:, file:). None chosen, or a value that no longer parses: no printer, and the
 * screens show previews only. A value the printer policy refuses (printer-policy.ts: a file outside
 * the spool directory, a device that is not a printer) is not printed to: PRINTER_TARGET_REFUSED.
 */
import { z } from 'zod';
import type { SportelloDatabase } from '../../../db';
import { SportelloError } from '../../../kernel/errors';
import { parseOutput } from '../../../drivers/certificate/index';
import { DEFAULT_MODEL_ID, modelProfile, printerModel } from '../../../drivers/printer/index';
import type { PrinterProfile } from '../../../drivers/printer/index';
import type { OutputTarget } from '../../../drivers/certificate/index';
import { checkOutput, spoolDir } from './policy';

export const PRINTER_SETTING = 'devices.printer';

export const printerChoiceSchema = z.object({
  target: z.string().min(1).max(512),
  paper: z.enum(['80mm', '58mm']).default('80mm'),
  /** the printer model (drivers/printer/profiles); settings written before models existed are generic */
  model: z.string().min(1).max(64).default(DEFAULT_MODEL_ID),
});
export type PrinterChoice = z.output<typeof printerChoiceSchema>;

export class PrinterNotConfigured extends SportelloError {
  declare readonly code: 'PRINTER_NOT_CONFIGURED';
  constructor() {
    super('PRINTER_NOT_CONFIGURED', 'no receipt printer is configured: a technician chooses one under Devices', {
      details: { messageKey: 'app:errors.PRINTER_NOT_CONFIGURED' },
    });
  }
}

function storedPrinter(db: SportelloDatabase): { choice: PrinterChoice; output: OutputTarget } | null {
  const parsed = printerChoiceSchema.safeParse(db.settings.get(PRINTER_SETTING));
  if (!parsed.success) return null;
  try {
    const output = parseOutput(parsed.data.target);
    return output.kind === 'printer' ? { choice: parsed.data, output } : null;
  } catch {
    return null;
  }
}

/** The printer to use, or null when none is configured (or the stored choice is unusable or refused). */
export function configuredPrinter(db: SportelloDatabase, dataDir: string): { choice: PrinterChoice; output: OutputTarget } | null {
  try {
    return requirePrinter(db, dataDir);
  } catch {
    return null;
  }
}

/** PRINTER_NOT_CONFIGURED without one; PRINTER_TARGET_REFUSED when the stored target breaks the policy. */
export function requirePrinter(db: SportelloDatabase, dataDir: string): { choice: PrinterChoice; output: OutputTarget } {
  const p = storedPrinter(db);
  if (!p) throw new PrinterNotConfigured();
  return { choice: p.choice, output: checkOutput(p.output, spoolDir(db, dataDir), p.choice.target) };
}

/** The profile of the chosen model on the chosen paper. */
export function choiceProfile(choice: PrinterChoice): PrinterProfile {
  return modelProfile(choice.model, choice.paper);
}

/** Sets the model of the chosen printer (PRINTER_NOT_CONFIGURED without one); an unknown id is refused. */
export function chooseModel(db: SportelloDatabase, model: string): string {
  if (printerModel(model).id !== model) throw new PrinterModelUnknown(model);
  const stored = printerChoiceSchema.safeParse(db.settings.get(PRINTER_SETTING));
  if (!stored.success) throw new PrinterNotConfigured();
  db.transaction(() => {
    db.settings.set(PRINTER_SETTING, { ...stored.data, model });
    db.journal.append('printer-model-chosen', { model, previous: stored.data.model });
  });
  return model;
}

export class PrinterModelUnknown extends SportelloError {
  declare readonly code: 'PRINTER_MODEL_UNKNOWN';
  constructor(model: string) {
    super('PRINTER_MODEL_UNKNOWN', `no printer model ${JSON.stringify(model.slice(0, 64))}: pick one of the listed models`, {
      details: { model: model.slice(0, 64), messageKey: 'printer:errors.modelUnknown' },
    });
  }
}
