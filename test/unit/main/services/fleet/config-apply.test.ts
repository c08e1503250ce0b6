// Which configuration versions fit this terminal (pure), what a version journals (the names of the
// settings it sets, never their values), and when its fees and abandonment time are in force at start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../../../../../db/index';
import { applyStoredOverrides, refusalFor, settingKeys } from '../../../../../main/services/fleet/config-apply';
import { ABANDON_KEY, FEES_KEY } from '../../../../../main/services/fleet/store';
import type { FeeRule } from '../../../../../main/engine/fees';
import { tempDir } from '../../../../support/tmp';
import { WIRE_VERSION } from '../../../../../main/fleet/wire';
import type { ConfigVersion } from '../../../../../main/fleet/wire';

const core = (mode: 'demo' | 'configured') => ({ mode, config: { terminal: { id: 'T1' } } }) as never;
const v = (settings: ConfigVersion['settings'], target: ConfigVersion['target'] = { kind: 'all' }): ConfigVersion => ({
  v: WIRE_VERSION,
  version: 3,
  issuedAt: '2026-06-01T08:00:00.000Z',
  target,
  settings,
});

test('addressed elsewhere: another terminal, another group', () => {
  assert.match(refusalFor(core('configured'), 'north', v({}, { kind: 'terminal', terminal: 'T2' }))!, /terminal T2/);
  assert.match(refusalFor(core('configured'), 'north', v({}, { kind: 'group', group: 'south' }))!, /group south/);
  assert.match(refusalFor(core('configured'), null, v({}, { kind: 'group', group: 'south' }))!, /no group/);
  assert.equal(refusalFor(core('configured'), 'north', v({}, { kind: 'group', group: 'north' })), null);
  assert.equal(refusalFor(core('configured'), null, v({}, { kind: 'terminal', terminal: 'T1' })), null);
});

test('a kiosk warning too short for WCAG 2.2.1 is refused; a valid timing is not', () => {
  assert.match(refusalFor(core('configured'), null, v({ kiosk: { warningSeconds: 5 } }))!, /warningSeconds/);
  assert.equal(refusalFor(core('configured'), null, v({ kiosk: { idleSeconds: 45, warningSeconds: 25, abandonSeconds: 200 } })), null);
});

test('a node endpoint: https only, never in demo mode', () => {
  assert.match(refusalFor(core('demo'), null, v({ nodeEndpoint: 'https://node.example/psp' }))!, /demo mode/);
  assert.match(refusalFor(core('configured'), null, v({ nodeEndpoint: 'http://node.example/psp' }))!, /https only/);
  assert.equal(refusalFor(core('configured'), null, v({ nodeEndpoint: 'https://node.example/psp' })), null);
});

test('the journal names the settings, not their values', () => {
  assert.deepEqual(
    settingKeys({ fees: { kind: 'flat', cents: 100 }, kiosk: { idleSeconds: 50 }, services: ['1'], nodeEndpoint: 'https://x.example' }),
    ['fees', 'kiosk.idleSeconds', 'services', 'nodeEndpoint'],
  );
  assert.deepEqual(settingKeys({}), []);
});

test('a version’s fees win over the config file until a technician saves other fees there', (t) => {
  const db = openDatabase(join(tempDir(t), 'sportello.db'));
  t.after(() => db.close());
  const start = (fileFees: FeeRule) => {
    const c = { db, engine: { settings: { fees: fileFees } }, config: { fees: fileFees, terminal: { kioskAbandonSeconds: 180 } } };
    applyStoredOverrides(c as never);
    return c;
  };
  const file: FeeRule = { kind: 'flat', cents: 150 };
  db.settings.set(FEES_KEY, { rule: { kind: 'flat', cents: 275 }, over: file });
  db.settings.set(ABANDON_KEY, { value: 240, over: 180 });
  const same = start(file);
  assert.deepEqual(same.engine.settings.fees, { kind: 'flat', cents: 275 });
  assert.equal(same.config.terminal.kioskAbandonSeconds, 240);
  // The technician saved 2 EUR in the file since: the file has the last word.
  const changed = start({ kind: 'flat', cents: 200 });
  assert.deepEqual(changed.engine.settings.fees, { kind: 'flat', cents: 200 });
});
