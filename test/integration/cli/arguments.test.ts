// Issue 13 (technician and CLI): every argument error names the argument and why, on one line of
// stderr, exit 2; never a stack trace, never an extra argument silently ignored with exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/tmp';

const run = (args: string[], dir: string) => runCli(args, dir);

test('a wrong argument is one line naming it, exit 2', (t) => {
  const dir = tempDir(t, 'sportello-cli-args-');
  const cases: Array<[string[], RegExp]> = [
    [['doctor', '--bogus'], /^sportello doctor: unknown option --bogus$/],
    [['doctor', 'now'], /^sportello doctor: unexpected argument 'now'$/],
    [['sessions', 'today'], /^sportello sessions: unexpected argument 'today'$/],
    [['outbox', 'retry', '1', '2'], /^sportello outbox: unexpected argument '2'$/],
    [['journal', 'verify', 'all'], /^sportello journal: unexpected argument 'all'$/],
    [['config', 'show', 'more'], /^sportello config: unexpected argument 'more'$/],
    [['pay', '--notice', 'x', '--tender', 'bitcoin'], /^sportello pay: --tender must be cash, card or other, not 'bitcoin'$/],
    [['pay', '--notice', 'x', '--tender', 'cash', '--amount-given', 'abc'], /^sportello pay: --amount-given must be a whole number/],
    [['sessions', '--limit'], /^sportello sessions: --limit needs a value$/],
  ];
  for (const [args, expected] of cases) {
    const r = run(args, dir);
    const said = args.join(' ');
    assert.equal(r.status, 2, `${said}: exit ${r.status}\n${r.stderr}`);
    // The data directory's permission warning may come first on a fresh directory; the refusal is the last line.
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.includes('warning:'));
    assert.equal(lines.length, 1, `${said}: one line\n${r.stderr}`);
    assert.match(lines[0]!, expected, said);
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${said}: no stack trace`);
  }
});

test('a name that is not a command, even one every object has, is refused with the usage', (t) => {
  const dir = tempDir(t, 'sportello-cli-args-');
  for (const name of ['bogus', 'constructor', 'toString']) {
    const r = run([name], dir);
    assert.equal(r.status, 2, name);
    assert.match(r.stderr, new RegExp(`^sportello: unknown command '${name}'`), name);
    assert.match(r.stderr, /usage: sportello <command>/);
  }
});

test('no command is a usage error on stderr (exit 2); --help is the usage on stdout (exit 0)', (t) => {
  const dir = tempDir(t, 'sportello-cli-args-');
  const bare = run([], dir);
  assert.equal(bare.status, 2);
  assert.equal(bare.stdout, '');
  assert.match(bare.stderr, /^sportello: say which command\n\nusage: sportello <command>/);
  const help = run(['--help'], dir);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: sportello <command>/);
  assert.equal(help.stderr, '');
});
