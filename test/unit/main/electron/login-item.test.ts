// Start at login: Windows/macOS through the fake app's login items; Linux through a real XDG
// autostart file in a temporary XDG_CONFIG_HOME.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setStartAtLogin } from '../../../../main/electron/login-item';
import type { LoginItemApp } from '../../../../main/electron/login-item';
import { tempDir } from '../../../support/tmp';
import { FakeApp } from '../../../support/fake-electron';

describe('start at login', () => {
  for (const platform of ['win32', 'darwin'] as const) {
    test(`${platform}: the OS login items`, () => {
      const app = new FakeApp('/app');
      setStartAtLogin(app as unknown as LoginItemApp, true, {
        platform,
        execPath: 'C:\\sportello\\sportello.exe',
        args: ['--mode', 'kiosk'],
        env: {},
      });
      setStartAtLogin(app as unknown as LoginItemApp, false, { platform, execPath: 'C:\\sportello\\sportello.exe', args: [], env: {} });
      assert.deepEqual(app.calls, [
        { name: 'setLoginItemSettings', args: [{ openAtLogin: true, path: 'C:\\sportello\\sportello.exe', args: ['--mode', 'kiosk'] }] },
        { name: 'setLoginItemSettings', args: [{ openAtLogin: false, path: 'C:\\sportello\\sportello.exe', args: [] }] },
      ]);
    });
  }

  test('linux: an XDG autostart entry for the AppImage, removed again on request', (t) => {
    const config = tempDir(t);
    const app = new FakeApp('/app');
    const env = { XDG_CONFIG_HOME: config, APPIMAGE: '/home/op/Apps/sportello 1.0.AppImage' };
    const target = { platform: 'linux' as const, execPath: '/tmp/.mount_sportXYZ/sportello', args: ['--mode', 'kiosk'], env };
    const file = setStartAtLogin(app as unknown as LoginItemApp, true, target);
    assert.equal(file, join(config, 'autostart', 'sportello.desktop'));
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^Exec="\/home\/op\/Apps\/sportello 1\.0\.AppImage" --mode kiosk$/m, 'the AppImage, not its temporary mount');
    assert.deepEqual(app.calls, [], 'login items are not used on Linux');
    setStartAtLogin(app as unknown as LoginItemApp, false, target);
    assert.equal(existsSync(file), false);
  });
});
