/**
 * This terminal's card terminal as the core holds it (a kiosk's, or a counter's): built from the
 * technician's settings and the key's passphrase, rebuilt when they change (never in the middle of an
 * authorization), closed with the API.
 */
import { NexoCardTerminal, parseScript, SimulatedCardTerminal } from '../../../drivers/tender';
import type { TenderDevice } from '../../../drivers/tender';
import { missingCase } from '../../../kernel/errors';
import { readCardPassphrase, writeCardPassphrase, type CardSecretPlace } from './card-secret';
import type { CardTerminalSettings, NexoTerminalSettings } from './settings';

export class CardTerminalHolder {
  private device: TenderDevice | null = null;
  private built = '';
  /** The passphrase as last read from or written to its store; null until `loadKey`, or when none. */
  private passphrase: string | null = null;
  private loaded: Promise<void> | null = null;
  /** Who hears the device's status (the technician's live device table); kept across rebuilds. */
  private readonly listeners = new Set<() => void>();
  private offDevice: (() => void) | null = null;

  constructor(
    private readonly read: () => CardTerminalSettings,
    private readonly secret: CardSecretPlace,
  ) {}

  /** Reads the passphrase from its store once (a nexo terminal needs it before it can be built). */
  loadKey(): Promise<void> {
    this.loaded ??= readCardPassphrase(this.secret).then((p) => {
      this.passphrase = p;
    });
    return this.loaded;
  }

  /** Stores a new passphrase (write-only: nothing gives it back) and uses it from the next authorization. */
  async setKey(passphrase: string): Promise<void> {
    await writeCardPassphrase(this.secret, passphrase);
    this.passphrase = passphrase;
    this.loaded = Promise.resolve();
  }

  keyStored(): boolean {
    return this.passphrase !== null;
  }

  /** The device for the current settings; null when this terminal has none. */
  current(): TenderDevice | null {
    const settings = this.read();
    // The key is part of what the device is built from, kept here in memory only.
    const key = JSON.stringify([settings, this.passphrase]);
    const busy = this.device !== null && this.device.status().reference !== null;
    if (key !== this.built && !busy) {
      this.offDevice?.();
      void this.device?.close();
      this.device = build(settings, this.passphrase);
      this.built = key;
      this.offDevice = this.device ? this.device.onStatus(() => this.changed()) : null;
      this.changed();
    }
    return this.device;
  }

  /** Called when the device (or which device) changes state; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** The device already built, without looking at the settings (cancel must reach the running one). */
  running(): TenderDevice | null {
    return this.device;
  }

  async close(): Promise<void> {
    this.offDevice?.();
    this.offDevice = null;
    await this.device?.close();
    this.device = null;
    this.built = '';
  }
}

/** The nexo driver's options from the stored settings and the passphrase (throws TENDER_CONFIG_INVALID). */
export function nexoTerminal(s: NexoTerminalSettings, passphrase: string): NexoCardTerminal {
  const tls = {
    ...(s.fingerprint256 ? { fingerprint256: s.fingerprint256 } : {}),
    ...(s.ca ? { ca: s.ca } : {}),
    ...(s.serverName ? { serverName: s.serverName } : {}),
  };
  return new NexoCardTerminal({
    url: s.url,
    poiId: s.poiId,
    saleId: s.saleId,
    key: { keyIdentifier: s.keyIdentifier, keyVersion: s.keyVersion, passphrase },
    insecureLoopback: s.insecureLoopback,
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
  });
}

function build(settings: CardTerminalSettings, passphrase: string | null): TenderDevice | null {
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
    case 'nexo':
      // Without its key the terminal cannot be spoken to: no terminal (the technician's screen says why).
      if (!passphrase) return null;
      try {
        return nexoTerminal(settings, passphrase);
      } catch {
        return null;
      }
    default:
      return missingCase(settings);
  }
}

/**
 * The card terminal as a row of the live device table (`devices.status`): its own words are the
 * driver's states; a terminal asked for a card or processing one is in use, hence ready. A nexo
 * terminal is known offline only once a request found it so (no polling: it serves one client).
 */
export function cardTerminalRows(device: TenderDevice | null, since: number | null): CardTerminalRow[] {
  if (!device) return [];
  const state = device.status().state;
  const status = state === 'offline' ? 'disconnected' : 'ready';
  return [{ id: device.id, name: device.name, status, activity: state, since }];
}

export interface CardTerminalRow {
  id: string;
  name: string;
  status: 'ready' | 'disconnected';
  activity: 'ready' | 'present-card' | 'processing' | 'offline';
  since: number | null;
}
