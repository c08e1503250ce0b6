// The flags both shells read: --mode / SPORTELLO_MODE, --autostart, --browser-kiosk, --port.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShellArgs, resolveMode, ShellArgsInvalid } from '../../../../main/shell/mode';

describe('shell arguments', () => {
  test('defaults', () => {
    assert.deepEqual(parseShellArgs([], {}), { mode: null, autostart: null, browserKiosk: false, port: 0, rest: [] });
  });

  test('--mode wins over SPORTELLO_MODE; both forms of the flag', () => {
    assert.equal(parseShellArgs([], { SPORTELLO_MODE: 'kiosk' }).mode, 'kiosk');
    assert.equal(parseShellArgs(['--mode', 'technician'], { SPORTELLO_MODE: 'kiosk' }).mode, 'technician');
    assert.equal(parseShellArgs(['--mode=counter'], {}).mode, 'counter');
  });

  test('the rest is passed through in order (Electron app dir, Chromium switches)', () => {
    const a = parseShellArgs(['.', '--browser-kiosk', '--enable-logging', '--port=8123', '--autostart', 'off', '--x=1'], {});
    assert.deepEqual(a, { mode: null, autostart: 'off', browserKiosk: true, port: 8123, rest: ['.', '--enable-logging', '--x=1'] });
  });

  test('refusals', () => {
    for (const [argv, env] of [
      [['--mode', 'vending'], {}],
      [['--mode'], {}],
      [['--mode', '--browser-kiosk'], {}],
      [[], { SPORTELLO_MODE: 'Kiosk' }],
      [['--autostart', 'yes'], {}],
      [['--port', '70000'], {}],
      [['--port', '-1'], {}],
    ] as Array<[string[], NodeJS.ProcessEnv]>) {
      assert.throws(() => parseShellArgs(argv, env), ShellArgsInvalid, JSON.stringify(argv));
    }
  });

  test('no mode asked: the configured terminal kind', () => {
    assert.equal(resolveMode(null, 'kiosk'), 'kiosk');
    assert.equal(resolveMode('technician', 'kiosk'), 'technician');
  });
});
