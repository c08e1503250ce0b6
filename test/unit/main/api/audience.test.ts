// Who hears a device scan: on a counter terminal staff only (a kiosk-only connection never hears a
// counter's scan, whose Data Matrix names the debtor); on a kiosk terminal the kiosk screen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mayReceive } from '../../../../main/api/audience';
import type { Viewer } from '../../../../main/api/audience';
import type { Role } from '../../../../main/contract/roles';
import { ROLE_SETS } from '../../../../main/services/access/principal';

const viewer = (role: Role): Viewer => ({ roles: ROLE_SETS[role], started: new Set() });
const scan = (terminal: 'counter' | 'kiosk') =>
  ({ sourceId: 'serial:/dev/ttyACM0', kind: 'serial', text: 'PAGOPA|002|…', symbology: null, at: 1, terminal }) as const;
const none = () => null;

describe('scanner.scan audience', () => {
  test('counter terminal: operators, supervisors and the technician; never a kiosk-only connection', () => {
    assert.equal(mayReceive('scanner.scan', scan('counter'), viewer('kiosk'), none), false);
    for (const role of ['operator', 'supervisor', 'technician'] as const)
      assert.equal(mayReceive('scanner.scan', scan('counter'), viewer(role), none), true, role);
  });

  test('kiosk terminal: the kiosk screen, and the technician', () => {
    assert.equal(mayReceive('scanner.scan', scan('kiosk'), viewer('kiosk'), none), true);
    assert.equal(mayReceive('scanner.scan', scan('kiosk'), viewer('technician'), none), true);
  });
});
