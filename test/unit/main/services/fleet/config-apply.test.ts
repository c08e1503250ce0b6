// Which configuration versions fit this terminal (pure), and what a version journals: the names of
// the settings it sets, never their values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refusalFor, settingKeys } from '../../../../../main/services/fleet/config-apply';
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
