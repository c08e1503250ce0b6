// Navigation, new windows, <webview>, permissions and device choosers: every door stays shut.
// Fake WebContents/Session objects record the handlers the shell installs (no Electron binary here).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { guardContents, guardSession, navigationAllowed } from '../../../../main/electron/guards';
import type { GuardedContents, GuardedSession } from '../../../../main/electron/guards';
import { FakeContents, FakeEvent, FakeSession } from '../../../support/fake-electron';

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'midiSysex',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'clipboard-read',
  'clipboard-sanitized-write',
  'hid',
  'serial',
  'usb',
  'display-capture',
  'idle-detection',
  'unknown',
];

describe('navigation and windows', () => {
  test('navigating or redirecting away from the app is prevented; within it is not', () => {
    const contents = new FakeContents();
    const logged: string[] = [];
    guardContents(contents as unknown as GuardedContents, (l) => logged.push(l));
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:8080/',
        'file:///etc/passwd',
        'app://sportello.evil/',
        'javascript:alert(1)',
        'data:text/html,x',
      ]) {
        const e = new FakeEvent(url);
        // The deprecated positional url says something harmless: the check must read details.url.
        contents.emit(event, e, 'app://sportello/index.html');
        assert.equal(e.defaultPrevented, true, `${event} ${url}`);
      }
      const own = new FakeEvent('app://sportello/index.html#mode=counter');
      contents.emit(event, own, 'app://sportello/index.html#mode=counter');
      assert.equal(own.defaultPrevented, false, `${event} within the app`);
    }
    assert.ok(logged.length > 0);
    assert.doesNotMatch(logged.join('\n'), /evil|passwd/, 'the log says what happened, not where the page wanted to go');
  });

  test('every new window is denied, whatever its URL', () => {
    const contents = new FakeContents();
    guardContents(contents as unknown as GuardedContents);
    assert.ok(contents.windowOpenHandler, 'setWindowOpenHandler was not called');
    for (const url of ['https://evil.example/', 'app://sportello/index.html', 'about:blank']) {
      assert.deepEqual(contents.windowOpenHandler!({ url }), { action: 'deny' }, url);
    }
  });

  test('a <webview> is never attached', () => {
    const contents = new FakeContents();
    guardContents(contents as unknown as GuardedContents);
    const e = new FakeEvent();
    contents.emit('will-attach-webview', e, {}, {});
    assert.equal(e.defaultPrevented, true);
  });

  test('navigationAllowed compares parsed URLs', () => {
    assert.equal(navigationAllowed('app://sportello/other.html'), true);
    assert.equal(navigationAllowed('app://sportello@evil.example/'), false);
  });
});

describe('permissions and devices', () => {
  const session = new FakeSession();
  guardSession(session as unknown as GuardedSession);

  test('every permission request is refused', () => {
    assert.ok(session.permissionRequest, 'setPermissionRequestHandler was not called');
    for (const permission of PERMISSIONS) {
      let granted: boolean | null = null;
      session.permissionRequest!({}, permission, (g) => (granted = g), {});
      assert.equal(granted, false, permission);
    }
  });

  test('every permission check says no, even for our own origin', () => {
    assert.ok(session.permissionCheck, 'setPermissionCheckHandler was not called');
    for (const permission of PERMISSIONS) {
      assert.equal(session.permissionCheck!({}, permission, 'app://sportello', {}), false, permission);
    }
  });

  test('no device is granted, not even a HID POS scanner (usage page 0x8C): the core drives devices', () => {
    assert.ok(session.devicePermission, 'setDevicePermissionHandler was not called');
    assert.equal(session.devicePermission!({ deviceType: 'hid', origin: 'app://sportello', device: { usagePage: 0x8c } }), false);
    assert.equal(session.devicePermission!({ deviceType: 'serial', origin: 'app://sportello', device: {} }), false);
  });

  test('device choosers are cancelled', () => {
    for (const [event, args] of [
      ['select-hid-device', [{ deviceList: [{ deviceId: 'x' }] }]],
      ['select-usb-device', [{ deviceList: [{ deviceId: 'x' }] }]],
      ['select-serial-port', [[{ portId: 'x' }], {}]],
    ] as const) {
      const e = new FakeEvent();
      let chosen: string | undefined = 'untouched';
      session.emit(event, e, ...args, (id?: string) => (chosen = id));
      assert.equal(e.defaultPrevented, true, event);
      assert.equal(chosen, '', `${event}: cancelled with an empty id`);
    }
  });
});
