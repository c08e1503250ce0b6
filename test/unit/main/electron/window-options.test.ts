// The BrowserWindow options the shell builds, checked item by item against Electron's security
// checklist (the binary cannot run here, so the options object itself is what is asserted).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { windowOptions, windowUrl } from '../../../../main/electron/window-options';
import { APP_MODES } from '../../../../main/shell/mode';

describe('window options', () => {
  for (const mode of APP_MODES) {
    test(`${mode}: isolated, sandboxed, no Node, web security on`, () => {
      const o = windowOptions({ mode, preload: '/app/main/electron/preload.cjs' });
      const w = o.webPreferences!;
      assert.equal(w.contextIsolation, true);
      assert.equal(w.sandbox, true);
      assert.equal(w.nodeIntegration, false);
      assert.equal(w.nodeIntegrationInWorker, false);
      assert.equal(w.nodeIntegrationInSubFrames, false);
      assert.equal(w.webSecurity, true);
      assert.notEqual(w.allowRunningInsecureContent, true);
      assert.notEqual(w.experimentalFeatures, true);
      assert.equal(w.enableBlinkFeatures, undefined);
      assert.equal(w.webviewTag, false);
      assert.equal(w.devTools, false);
      assert.equal(w.preload, '/app/main/electron/preload.cjs');
      // Nothing that would loosen the page: no extra preload paths, no remote module, no custom session.
      for (const key of ['additionalArguments', 'partition', 'session', 'disableBlinkFeatures'] as const)
        assert.equal(w[key], undefined, key);
    });
  }

  test('kiosk mode gets the kiosk flags, the others do not', () => {
    const kiosk = windowOptions({ mode: 'kiosk', preload: '/p.cjs' });
    assert.equal(kiosk.kiosk, true);
    assert.equal(kiosk.fullscreen, true);
    assert.equal(kiosk.frame, false);
    assert.equal(kiosk.autoHideMenuBar, true);
    for (const mode of ['counter', 'technician'] as const) {
      const o = windowOptions({ mode, preload: '/p.cjs' });
      assert.notEqual(o.kiosk, true, mode);
      assert.notEqual(o.fullscreen, true, mode);
    }
  });

  test('the window opens our app with the mode in the fragment', () => {
    assert.equal(windowUrl('app://sportello', 'kiosk'), 'app://sportello/index.html#mode=kiosk');
    const u = new URL(windowUrl('app://sportello', 'technician'));
    assert.equal(new URLSearchParams(u.hash.slice(1)).get('mode'), 'technician');
  });
});
