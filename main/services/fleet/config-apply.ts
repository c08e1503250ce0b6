/**
 * Configuration versions from the back office (wire.ts `configVersionSchema`): checked for this
 * terminal, kept, and applied only while no payment is open (status.ts `openPayments`: a cart with
 * notices, tokens being taken or held), so a customer never sees the fee or the timing change under
 * them. Received versions wait in `fleet.config` (store.ts) and are applied together, in version
 * order (each sets what it names), as soon as the last open payment ends; the version running is then
 * the highest. Applied and refused versions are journaled (`fleet-config-applied`,
 * `fleet-config-refused` with the reason).
 *
 * What each setting changes:
 * - fees: the engine's fee rule at once (the next quote uses it) and `fleet.fees`, which wins over
 *   the config file's fees at every start (applyStoredOverrides) as long as the file still holds the
 *   fees it replaced: a technician who saves other fees later (technician.saveSettings) has the last
 *   word, until the next version sets them again;
 * - kiosk idle and warning: the kiosk timing the technician sets (kiosk/settings.ts), read by the
 *   kiosk screen at its next idle cycle; abandonSeconds: the sweeper's abandonment time at once, and
 *   `fleet.kioskAbandonSeconds` for later starts;
 * - services: the kiosk's services (catalogue/kiosk-services.ts);
 * - nodeEndpoint: written to the config file, in force at the next start. The node client holds
 *   keep-alive connections and in-flight outcomes addressed to the endpoint it started with: swapping
 *   it under the outbox would mix attempts of one outcome across two servers, and a restart between
 *   payments is the technician's own way of applying node settings (technician/node-settings.ts).
 *   Demo mode has no config file (its node is its own simulator): a version naming an endpoint is
 *   refused there.
 */
import { z } from 'zod';
import { canonicalJson } from '../../../db';
import type { Json } from '../../../db';
import type { Core } from '../../core/core';
import { configSchema, feeRuleSchema, saveConfig, sealSecrets } from '../../config';
import { kioskTimingSchema, readKioskTiming, writeKioskTiming } from '../kiosk/settings';
import { saveKioskServices } from '../catalogue/kiosk-services';
import type { ConfigVersion, FleetSettings } from '../../fleet/wire';
import { ABANDON_KEY, FEES_KEY, readConfigState, writeConfigState } from './store';
import { openPayments } from './status';

type CoreLike = Pick<Core, 'db' | 'engine' | 'config' | 'mode' | 'configFile' | 'secrets'>;

/** Why a version does not fit this terminal, or null when it does. */
export function refusalFor(core: Pick<Core, 'config' | 'mode'>, group: string | null, c: ConfigVersion): string | null {
  const t = c.target;
  if (t.kind === 'terminal' && t.terminal !== core.config.terminal.id) return `addressed to terminal ${t.terminal}`;
  if (t.kind === 'group' && t.group !== group) return `addressed to group ${t.group}, this terminal is in ${group ?? 'no group'}`;
  const s = c.settings;
  if (s.kiosk && (s.kiosk.idleSeconds !== undefined || s.kiosk.warningSeconds !== undefined)) {
    // The kiosk's own rule (WCAG 2.2.1: time enough to extend): what results must still hold.
    const r = kioskTimingSchema.safeParse({ idleSeconds: s.kiosk.idleSeconds ?? 60, warningSeconds: s.kiosk.warningSeconds ?? 30 });
    if (!r.success) return `kiosk timing: ${r.error.issues[0]!.path.join('.')} ${r.error.issues[0]!.message}`;
  }
  if (s.nodeEndpoint !== undefined) {
    if (core.mode === 'demo') return 'nodeEndpoint: demo mode runs its own simulator and has no config file';
    if (!s.nodeEndpoint.startsWith('https://')) return 'nodeEndpoint: https only';
  }
  return null;
}

/** The names a version sets (for the journal: keys only, never values). */
export function settingKeys(s: FleetSettings): string[] {
  const keys: string[] = [];
  if (s.fees) keys.push('fees');
  if (s.kiosk) for (const k of Object.keys(s.kiosk)) keys.push(`kiosk.${k}`);
  if (s.services) keys.push('services');
  if (s.nodeEndpoint) keys.push('nodeEndpoint');
  return keys;
}

export type Received = { outcome: 'ignored' } | { outcome: 'refused'; reason: string } | { outcome: 'pending' };

/** A version read from the broker: kept to apply, refused (journaled) or ignored (seen before). */
export function receiveVersion(core: CoreLike, group: string | null, c: ConfigVersion): Received {
  const state = readConfigState(core.db);
  if (c.version <= state.highestSeen) return { outcome: 'ignored' }; // a retained message again
  const reason = refusalFor(core, group, c);
  if (reason) {
    core.db.transaction(() => {
      writeConfigState(core.db, { ...state, highestSeen: c.version });
      core.db.journal.append('fleet-config-refused', { version: c.version, target: c.target as unknown as Json, reason });
    });
    return { outcome: 'refused', reason };
  }
  writeConfigState(core.db, { ...state, highestSeen: c.version, pending: [...state.pending, c].sort((a, b) => a.version - b.version) });
  return { outcome: 'pending' };
}

/** Applies what waits, unless a payment is open; the version now running, or null when nothing was applied. */
export async function applyPending(core: CoreLike): Promise<number | null> {
  const state = readConfigState(core.db);
  if (state.pending.length === 0 || openPayments(core) > 0) return null;
  const merged: FleetSettings = {};
  for (const c of state.pending)
    Object.assign(merged, c.settings, c.settings.kiosk ? { kiosk: { ...merged.kiosk, ...c.settings.kiosk } } : {});
  const version = state.pending[state.pending.length - 1]!.version;
  if (merged.nodeEndpoint !== undefined) {
    // Outside the transaction (a file): written first, so a failure leaves the versions waiting.
    const next = configSchema.parse({ ...core.config, node: { ...core.config.node, endpoint: merged.nodeEndpoint } });
    saveConfig(await sealSecrets(next, core.secrets), { SPORTELLO_CONFIG: core.configFile });
  }
  // Checked again after the await: a payment may have started meanwhile.
  if (openPayments(core) > 0) return null;
  core.db.transaction(() => {
    if (merged.fees) core.db.settings.set(FEES_KEY, { rule: merged.fees, over: core.config.fees } as unknown as Json);
    if (merged.kiosk) {
      const { abandonSeconds, ...timing } = merged.kiosk;
      if (timing.idleSeconds !== undefined || timing.warningSeconds !== undefined)
        writeKioskTiming(core.db, { ...readKioskTiming(core.db), ...timing });
      if (abandonSeconds !== undefined) core.db.settings.set(ABANDON_KEY, { value: abandonSeconds, over: fileAbandon(core) });
    }
    if (merged.services) saveKioskServices(core.db as Core['db'], merged.services);
    writeConfigState(core.db, { running: version, highestSeen: Math.max(state.highestSeen, version), pending: [] });
    core.db.journal.append('fleet-config-applied', {
      version,
      versions: state.pending.map((c) => c.version),
      keys: settingKeys(merged),
      ...(merged.nodeEndpoint !== undefined ? { atNextStart: ['nodeEndpoint'] } : {}),
    });
  });
  applyStoredOverrides(core);
  return version;
}

const overFees = z.object({ rule: feeRuleSchema, over: feeRuleSchema });
const overAbandon = z.object({ value: z.number().int().min(30).max(1_500), over: z.number().int() });
/** The config file's abandonment time, before any version changed the running value. */
const fileAbandons = new WeakMap<object, number>();
function fileAbandon(core: Pick<Core, 'config'>): number {
  if (!fileAbandons.has(core.config)) fileAbandons.set(core.config, core.config.terminal.kioskAbandonSeconds);
  return fileAbandons.get(core.config)!;
}

/**
 * What versions set that the config file holds too: in force now (at every start, and after
 * applying), unless the file no longer holds what the version replaced (a technician changed it since).
 */
export function applyStoredOverrides(core: Pick<Core, 'db' | 'engine' | 'config'>): void {
  const fees = overFees.safeParse(core.db.settings.get(FEES_KEY));
  if (fees.success && canonicalJson(fees.data.over) === canonicalJson(core.config.fees)) core.engine.settings.fees = fees.data.rule;
  const file = fileAbandon(core);
  const abandon = overAbandon.safeParse(core.db.settings.get(ABANDON_KEY));
  // The sweeper reads the running configuration's value at each sweep (main/core/core.ts).
  if (abandon.success && abandon.data.over === file) core.config.terminal.kioskAbandonSeconds = abandon.data.value;
}
