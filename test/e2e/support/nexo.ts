/**
 * The nexo card terminal simulator beside an app under test, and the technician's setup of it
 * through the same calls the device screen makes (the in-process API holds every role).
 */
import assert from 'node:assert/strict';
import type { BrowserKiosk } from '../../../main/shell/browser-kiosk';
import { startNexoSimulator, type NexoSimulator } from '../../../sim/nexo/server';

export type { NexoSimulator };

/** A nexo simulator on a free loopback port, closed when the test ends. */
export async function nexoSim(t0: { after(fn: () => unknown): void }): Promise<NexoSimulator> {
  const sim = await startNexoSimulator({ port: 0 });
  t0.after(() => sim.close());
  return sim;
}

/** Chooses the simulator as this terminal's card terminal and stores its key, as a technician would. */
export async function configureNexo(kiosk: BrowserKiosk, sim: NexoSimulator): Promise<void> {
  const devices = await kiosk.api.call('technician.devices', {});
  assert.ok(devices.ok);
  const { printer, paper, scanner } = devices.value.choice;
  const saved = await kiosk.api.call('technician.chooseDevices', {
    printer,
    paper,
    scanner,
    cardTerminal: {
      kind: 'nexo',
      url: sim.url,
      poiId: sim.poiId,
      saleId: 'sportello-e2e',
      keyIdentifier: sim.key.keyIdentifier,
      keyVersion: sim.key.keyVersion,
      insecureLoopback: true,
    },
  });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.ok((await kiosk.api.call('technician.setCardTerminalKey', { passphrase: sim.key.passphrase })).ok);
}
