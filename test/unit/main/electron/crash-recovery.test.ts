// Coming back after a renderer or GPU crash, with a cap on restart loops. A fake app emits the
// process-gone events Electron would; the clock is a number the test moves.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CrashApp } from '../../../../main/electron/crash-recovery';
import {
  CRASH_HISTORY_ARG,
  decideAfterCrash,
  installCrashRecovery,
  isCrash,
  readCrashHistory,
  withoutCrashHistory,
} from '../../../../main/electron/crash-recovery';
import { FakeApp, FakeEvent } from '../../../support/fake-electron';

const MIN = 60_000;

describe('crash policy', () => {
  test('restart until the limit within the window, then give up', () => {
    const limit = { max: 3, windowMs: 10 * MIN };
    let history: number[] = [];
    const actions: string[] = [];
    for (const t of [0, MIN, 2 * MIN, 3 * MIN]) {
      const d = decideAfterCrash(history, t, limit);
      actions.push(d.action);
      history = d.history;
    }
    assert.deepEqual(actions, ['restart', 'restart', 'restart', 'give-up']);
  });

  test('old crashes fall out of the window', () => {
    const limit = { max: 2, windowMs: 10 * MIN };
    assert.equal(decideAfterCrash([0, MIN], 5 * MIN, limit).action, 'give-up');
    const later = decideAfterCrash([0, MIN], 20 * MIN, limit);
    assert.equal(later.action, 'restart');
    assert.deepEqual(later.history, [20 * MIN], 'the history keeps only what still counts');
  });

  test('a clean exit is not a crash', () => {
    assert.equal(isCrash('clean-exit'), false);
    for (const reason of ['crashed', 'oom', 'killed', 'abnormal-exit', 'launch-failed', 'integrity-failure'])
      assert.equal(isCrash(reason), true, reason);
  });

  test('the history crosses a relaunch as an argument, and garbage in it is ignored', () => {
    const argv = ['.', '--mode', 'kiosk', `${CRASH_HISTORY_ARG}100,200,x,-5,300`];
    assert.deepEqual(readCrashHistory(argv), [100, 200, 300]);
    assert.deepEqual(withoutCrashHistory(argv), ['.', '--mode', 'kiosk']);
    assert.deepEqual(readCrashHistory(['.']), []);
  });
});

describe('installCrashRecovery', () => {
  function setup(argv: string[] = ['.']) {
    const app = new FakeApp('/app');
    let now = 1_000_000;
    const log: string[] = [];
    const done: string[] = [];
    let relaunchArgs: string[] = [];
    installCrashRecovery(app as unknown as CrashApp, {
      argv,
      now: () => now,
      limit: { max: 2, windowMs: 10 * MIN },
      restartWindow: () => done.push('window'),
      relaunchApp: (extra) => {
        relaunchArgs = extra;
        done.push('relaunch');
      },
      giveUp: (what) => done.push(`give-up ${what}`),
      log: (l) => log.push(l),
    });
    return { app, done, log, advance: (ms: number) => (now += ms), relaunchArgs: () => relaunchArgs, now: () => now };
  }

  test('a crashed renderer gets a new window; a clean exit gets nothing', () => {
    const s = setup();
    s.app.emit('render-process-gone', new FakeEvent(), {}, { reason: 'clean-exit', exitCode: 0 });
    assert.deepEqual(s.done, []);
    s.app.emit('render-process-gone', new FakeEvent(), {}, { reason: 'crashed', exitCode: 139 });
    assert.deepEqual(s.done, ['window']);
  });

  test('a crashed GPU process relaunches the app, carrying the history', () => {
    const s = setup();
    s.app.emit('child-process-gone', new FakeEvent(), { type: 'Utility', reason: 'crashed', exitCode: 1 });
    assert.deepEqual(s.done, [], 'only the GPU process matters here');
    s.app.emit('child-process-gone', new FakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    assert.deepEqual(s.done, ['relaunch']);
    assert.deepEqual(s.relaunchArgs(), [`${CRASH_HISTORY_ARG}${s.now()}`]);
  });

  test('a loop of crashes ends in giving up, also across a relaunch', () => {
    const s = setup();
    for (let i = 0; i < 3; i++) {
      s.app.emit('render-process-gone', new FakeEvent(), {}, { reason: 'oom', exitCode: 1 });
      s.advance(1000);
    }
    assert.deepEqual(s.done, ['window', 'window', 'give-up renderer']);
    assert.match(s.log.at(-1)!, /giving up/);

    // A relaunched process that crashed twice just before: the first crash here is one too many.
    const recent = Date.now();
    const app = new FakeApp('/app');
    const done: string[] = [];
    installCrashRecovery(app as unknown as CrashApp, {
      argv: ['.', `${CRASH_HISTORY_ARG}${recent - 2000},${recent - 1000}`],
      now: () => recent,
      limit: { max: 2, windowMs: 10 * MIN },
      restartWindow: () => done.push('window'),
      relaunchApp: () => done.push('relaunch'),
      giveUp: () => done.push('give-up'),
    });
    app.emit('child-process-gone', new FakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    assert.deepEqual(done, ['give-up']);
  });
});
