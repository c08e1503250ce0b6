/**
 * The kiosk's card terminal as the core holds it: built from the technician's settings, rebuilt when
 * they change (never in the middle of an authorization), closed with the API.
 */
import { parseScript, SimulatedCardTerminal } from '../../../drivers/tender';
import type { TenderDevice } from '../../../drivers/tender';
import { missingCase } from '../../../kernel/errors';
import type { CardTerminalSettings } from './settings';

export class CardTerminalHolder {
  private device: TenderDevice | null = null;
  private built = '';

  constructor(private readonly read: () => CardTerminalSettings) {}

  /** The device for the current settings; null when the kiosk has none. */
  current(): TenderDevice | null {
    const settings = this.read();
    const key = JSON.stringify(settings);
    const busy = this.device !== null && this.device.status().reference !== null;
    if (key !== this.built && !busy) {
      void this.device?.close();
      this.device = build(settings);
      this.built = key;
    }
    return this.device;
  }

  /** The device already built, without looking at the settings (cancel must reach the running one). */
  running(): TenderDevice | null {
    return this.device;
  }

  async close(): Promise<void> {
    await this.device?.close();
    this.device = null;
    this.built = '';
  }
}

function build(settings: CardTerminalSettings): TenderDevice | null {
  switch (settings.kind) {
    case 'none':
      return null;
    case 'simulated': {
      // The script was checked when it was saved; a row edited behind our back means no terminal, not a crash.
      let script;
      try {
        script = parseScript(settings.script);
      } catch {
        return null;
      }
      return new SimulatedCardTerminal({ script, stepMs: settings.stepMs, cardWaitMs: settings.cardWaitMs });
    }
    default:
      return missingCase(settings);
  }
}
