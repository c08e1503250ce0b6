// The Linux XDG autostart entry: Exec quoting per the Desktop Entry Specification, and the real
// file written into (and removed from) a temporary XDG_CONFIG_HOME.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { autostartPath, desktopEntry, linuxAutostartEnabled, quoteExecArg, setLinuxAutostart } from '../../../../main/shell/autostart';
import { tempDir } from '../../../support/tmp';

/** Reads an Exec value back the way the spec says a launcher does: string unescape, then unquote. */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\(.)/g, (_m, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? `\\${c}`);
  const args: string[] = [];
  let i = 0;
  while (i < unescaped.length) {
    if (unescaped[i] === ' ') {
      i++;
      continue;
    }
    let arg = '';
    if (unescaped[i] === '"') {
      i++;
      while (unescaped[i] !== '"') {
        if (unescaped[i] === '\\') i++;
        arg += unescaped[i++];
      }
      i++;
    } else {
      while (i < unescaped.length && unescaped[i] !== ' ') arg += unescaped[i++];
    }
    args.push(arg.replace(/%%/g, '%'));
  }
  return args;
}

describe('autostart', () => {
  test('arguments survive the quoting rules', () => {
    const tricky = ['/opt/sportello app/sportello', '--mode', 'kiosk', 'a"b', 'back\\slash', '$HOME', '`cmd`', '100%', ''];
    const exec = tricky.map(quoteExecArg).join(' ');
    assert.deepEqual(parseExec(exec), tricky);
    assert.equal(quoteExecArg('--mode'), '--mode', 'plain arguments stay plain');
    assert.throws(() => quoteExecArg('two\nlines'), RangeError);
  });

  test('the entry names the command and nothing else runs', () => {
    const text = desktopEntry(['/usr/bin/node', '/srv/sportello/bin/start.mjs']);
    assert.match(text, /^\[Desktop Entry\]\nType=Application\n/);
    assert.match(text, /^Exec=\/usr\/bin\/node \/srv\/sportello\/bin\/start\.mjs$/m);
    assert.throws(() => desktopEntry([]), RangeError);
  });

  test('written and removed on request, in XDG_CONFIG_HOME', (t) => {
    const config = tempDir(t);
    const env = { XDG_CONFIG_HOME: config };
    assert.equal(autostartPath(env), join(config, 'autostart', 'sportello.desktop'));
    assert.equal(linuxAutostartEnabled(env), false);
    const file = setLinuxAutostart(true, ['/usr/bin/node', '/srv/sportello/bin/start.mjs', '--mode', 'kiosk'], env);
    assert.equal(linuxAutostartEnabled(env), true);
    assert.equal(statSync(file).mode & 0o777, 0o644);
    assert.deepEqual(parseExec(/^Exec=(.*)$/m.exec(readFileSync(file, 'utf8'))![1]!), [
      '/usr/bin/node',
      '/srv/sportello/bin/start.mjs',
      '--mode',
      'kiosk',
    ]);
    setLinuxAutostart(false, [], env);
    assert.equal(existsSync(file), false);
    setLinuxAutostart(false, [], env); // removing twice is fine
  });

  test('a relative XDG_CONFIG_HOME is ignored, as the spec says', () => {
    assert.equal(autostartPath({ XDG_CONFIG_HOME: 'relative/dir', HOME: '/home/op' }), '/home/op/.config/autostart/sportello.desktop');
  });
});
