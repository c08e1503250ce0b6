import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { allowedHosts, checkAdminRequest } from '../../../sim/admin-guard';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

test('allowed hosts: loopback names on the port, plus a specific listen address, never a wildcard', () => {
  assert.deepEqual([...allowedHosts('127.0.0.1', 8080)], ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080']);
  assert.ok(allowedHosts('192.168.1.5', 80).has('192.168.1.5:80'));
  assert.ok(allowedHosts('::1', 80).has('[::1]:80'));
  assert.equal([...allowedHosts('0.0.0.0', 80)].length, 3);
});

test('Host and Origin verdicts', () => {
  const ok = (h: Record<string, string>) => checkAdminRequest(req(h), '127.0.0.1', 9000);
  assert.deepEqual(ok({ host: '127.0.0.1:9000' }), { ok: true });
  assert.deepEqual(ok({ host: 'localhost:9000', origin: 'http://localhost:9000' }), { ok: true });
  assert.equal(ok({ host: 'evil.example:9000' }).ok, false);
  assert.equal((ok({ host: '127.0.0.1:9000', origin: 'http://evil.example' }) as { status: number }).status, 403);
  assert.equal((ok({ host: '127.0.0.1:9000', origin: 'null' }) as { status: number }).status, 403);
  assert.equal(
    (ok({ host: '127.0.0.1:9000', origin: 'https://127.0.0.1:9000' }) as { status: number }).status,
    403,
    'another scheme is another origin',
  );
  assert.equal((ok({ host: '127.0.0.1:9001' }) as { status: number }).status, 421);
});
