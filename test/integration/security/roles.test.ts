// Item 9: the role each call needs is declared once (main/contract/roles.ts) and enforced in one
// place (the gate in createCoreApi's dispatch) for every transport. This walks every call of the
// contract with a principal of every role, then checks the transports hand the same gate the
// caller's credential and nothing more.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMOUS, ROLE_SETS } from '../../../main/services/access/principal';
import type { Principal } from '../../../main/services/access/principal';
import { CALL_NAMES } from '../../../main/contract';
import { CALL_ROLES, ROLES } from '../../../main/contract/roles';
import type { Role } from '../../../main/contract/roles';
import { handleCall } from '../../../main/electron/ipc';
import { APP_ORIGIN } from '../../../main/electron/app-protocol';
import { serve } from '../server/harness';
import { DEMO_TECHNICIAN_PIN, error, start, value } from './harness';

const REFUSALS = new Set(['ROLE_REQUIRED', 'TECHNICIAN_LOCKED']);
const principal = (role: Role): Principal => ({
  ...ANONYMOUS,
  kind: role === 'kiosk' ? 'anonymous' : role === 'technician' ? 'technician' : 'operator',
  roles: ROLE_SETS[role],
  operatorId: role === 'operator' || role === 'supervisor' ? 'walker' : null,
});

describe('issue 11 item 9: one declaration, one gate', { timeout: 120_000 }, () => {
  test('every call of the contract, with every role: admitted exactly when the role table says so', async (t) => {
    const s = await start(t);
    for (const name of CALL_NAMES) {
      assert.ok(CALL_ROLES[name].length > 0, `${name} declares its roles`);
      for (const role of ROLES) {
        const who = principal(role);
        const allowed = CALL_ROLES[name].some((r: Role) => who.roles.has(r));
        // An empty request: refused by the gate, or past it (then refused by the schema or run).
        const r = await s.api.dispatchAs(name, {}, who);
        const refusedByGate = !r.ok && REFUSALS.has(r.error.code);
        assert.equal(refusedByGate, !allowed, `${name} as ${role}: ${r.ok ? 'ran' : r.error.code}`);
      }
    }
  });

  test('the repairs and the journal export are guarded in the core, not by a screen', async (t) => {
    const s = await start(t);
    for (const role of ['kiosk', 'operator'] as const) {
      for (const call of ['outbox.reset', 'outbox.retry'] as const) {
        assert.equal(
          error(await s.api.dispatchAs(call, { messageId: 1 }, principal(role))).code,
          'TECHNICIAN_LOCKED',
          `${call} as ${role}`,
        );
      }
      assert.equal(
        error(await s.api.dispatchAs('journal.exportCsv', {}, principal(role))).code,
        'ROLE_REQUIRED',
        `journal.exportCsv as ${role}`,
      );
    }
    // past the gate with the role: the message simply does not exist
    assert.equal(error(await s.api.dispatchAs('outbox.reset', { messageId: 1 }, principal('technician'))).code, 'OUTBOX_MESSAGE_NOT_FOUND');
    value(await s.api.dispatchAs('journal.exportCsv', {}, principal('supervisor')));
  });

  test("HTTP, WebSocket and IPC present only the caller's credential: none is kiosk, a technician token is technician", async (t) => {
    const s = await serve(t);
    // HTTP without a credential, and with a made-up one
    for (const credential of [undefined, 'made-up']) {
      const reset = await s.call('outbox.reset', { messageId: 1 }, credential);
      assert.equal((reset.json as { error: { code: string } }).error.code, 'TECHNICIAN_LOCKED');
      const csv = await s.call('journal.exportCsv', {}, credential);
      assert.equal((csv.json as { error: { code: string } }).error.code, 'ROLE_REQUIRED');
    }
    const tech = await s.signIn('technician');
    assert.equal(
      ((await s.call('outbox.reset', { messageId: 1 }, tech)).json as { error: { code: string } }).error.code,
      'OUTBOX_MESSAGE_NOT_FOUND',
    );
    // WebSocket
    const ws = s.client();
    assert.equal(error(await ws.call('outbox.retry', { messageId: 1 })).code, 'TECHNICIAN_LOCKED');
    assert.equal(error(await ws.call('outbox.retry', { messageId: 1 }, { auth: tech })).code, 'OUTBOX_MESSAGE_NOT_FOUND');
    assert.equal(error(await ws.call('journal.exportCsv', {})).code, 'ROLE_REQUIRED');
    // Electron IPC, from the app's own top frame
    const frame = { url: `${APP_ORIGIN}/index.html`, parent: null };
    assert.equal(error(await handleCall(s.api, frame, { call: 'outbox.reset', request: { messageId: 1 } })).code, 'TECHNICIAN_LOCKED');
    assert.equal(
      error(await handleCall(s.api, frame, { call: 'outbox.reset', request: { messageId: 1 }, auth: tech })).code,
      'OUTBOX_MESSAGE_NOT_FOUND',
    );
    assert.equal(
      error(await handleCall(s.api, frame, { call: 'technician.unlock', request: { pin: DEMO_TECHNICIAN_PIN }, auth: 7 })).code,
      'REQUEST_INVALID',
    );
  });
});
