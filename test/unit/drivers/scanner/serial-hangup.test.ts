import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hangupAwareBinding } from '../../../../drivers/scanner/serial-hangup';

// The hang-up itself is exercised on a real pty in test/integration/drivers/scanner/serial.test.ts.
describe('hangupAwareBinding', () => {
  test('Windows bindings are returned untouched', () => {
    const base = { open: async () => ({}) };
    assert.equal(hangupAwareBinding(base, 'win32'), base);
  });

  test('elsewhere open() is wrapped and the rest of the binding is the original', async () => {
    const port = {
      isOpen: true,
      fd: 3,
      poller: { once: () => undefined },
      read: async () => ({ buffer: Buffer.alloc(0), bytesRead: 0 }),
      tag: 'port',
    };
    const base = { open: async (_options: unknown) => port, list: async () => ['x'] };
    const wrapped = hangupAwareBinding(base, 'linux');
    assert.notEqual(wrapped, base);
    assert.deepEqual(await wrapped.list(), ['x']);
    const opened = (await wrapped.open({})) as typeof port;
    assert.equal(opened.tag, 'port');
    assert.notEqual(opened.read, port.read);
  });
});
