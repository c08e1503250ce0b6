// `sportello parse` (main/cli/parse.ts). It lives next to the parser's tests because it is the
// parser's command-line face; the lead wires it into main/cli/index.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseCommand } from '../../../../main/cli/parse';
import { BAD_CHECK_NOTICE, posteDataMatrix, qr } from './samples';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await parseCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sportello parse', () => {
  test('a QR: human summary, exit 0', async () => {
    const r = await run([qr('302000100000009407', '77777777777', '1234')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^pagoPA QR code$/m);
    assert.match(r.out, /Notice number\s+302000100000009407/);
    assert.match(r.out, /Creditor fiscal code\s+77777777777/);
    assert.match(r.out, /Amount\s+12\.34 EUR/);
    assert.match(r.out, /IUV\s+02000100000009407/);
    assert.equal(r.err, '');
  });

  test('--json prints the notice with its warnings in English', async () => {
    const r = await run([`]Q1${qr(BAD_CHECK_NOTICE, '77777777777', '0')}\r\n`, '--json']);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out) as { ok: boolean; notice: Record<string, unknown> & { warnings: Array<Record<string, unknown>> } };
    assert.equal(j.ok, true);
    assert.equal(j.notice.kind, 'qr');
    assert.equal(j.notice.noticeNumber, BAD_CHECK_NOTICE);
    assert.equal(j.notice.amountCents, 0);
    assert.equal(j.notice.postalAccount, null);
    assert.equal(j.notice.symbology, 'qr');
    assert.deepEqual(
      j.notice.warnings.map((w) => w.code),
      ['check-digit', 'amount-zero'],
    );
    assert.match(String(j.notice.warnings[0]?.message), /expected 47, read 22/);
  });

  test('a Data Matrix in JSON carries the postal account', async () => {
    const r = await run(['--json', posteDataMatrix({ account: '000011223344' })]);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out) as { notice: Record<string, unknown> };
    assert.equal(j.notice.kind, 'poste-datamatrix');
    assert.equal(j.notice.postalAccount, '000011223344');
  });

  test('a payload error in JSON: code, reason, message, exit 1', async () => {
    const r = await run(['4006381333931', '--json']);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out) as { ok: boolean; error: Record<string, unknown> };
    assert.equal(j.ok, false);
    assert.equal(j.error.code, 'PAYLOAD_INVALID');
    assert.equal(j.error.reason, 'looks-like-ean13');
    assert.equal(j.error.messageKey, 'payload:error.looks-like-ean13');
    assert.equal(typeof j.error.message, 'string');
    assert.match(String(j.error.display), /product barcode/);
  });

  test('a payload error without --json goes to stderr with what was read', async () => {
    const r = await run(['PAGOPA|001|x']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /qr-version/);
    assert.match(r.err, /read: +PAGOPA\|001\|x/);
  });

  test('--strict turns a check-digit warning into an error', async () => {
    const lenient = await run([qr(BAD_CHECK_NOTICE)]);
    assert.equal(lenient.code, 0);
    assert.match(lenient.out, /warning \(check-digit\)/);
    const strict = await run([qr(BAD_CHECK_NOTICE), '--strict', '--json']);
    assert.equal(strict.code, 1);
    assert.equal((JSON.parse(strict.out) as { error: { reason: string } }).error.reason, 'check-digit');
  });

  test('an unquoted fiscalCode/noticeNumber split by the shell is joined back', async () => {
    const r = await run(['77777777777/3020', '0010', '0000', '0094', '07', '--json']);
    assert.equal(r.code, 0);
    assert.equal((JSON.parse(r.out) as { notice: { kind: string } }).notice.kind, 'manual');
  });

  test('usage: no text or an unknown option exits 2, --help exits 0', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--jsn', 'x'])).code, 2);
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /usage: sportello parse/);
  });

  test('after -- everything is text', async () => {
    const r = await run(['--json', '--', '--strict']);
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.out) as { error: { reason: string } }).error.reason, 'not-a-notice');
  });
});

describe('sportello parse in a real process', () => {
  test('writes to the real stdout and sets the exit code', () => {
    const script = "const m = await import('./main/cli/parse.ts'); process.exitCode = await m.parseCommand(process.argv.slice(1));";
    const ok = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, qr(), '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { notice: { noticeNumber: string } }).notice.noticeNumber, '302000100000009407');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'hello'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /not-a-notice/);
  });

  test('bin/sportello.mjs parse, once the command is wired into main/cli/index.ts', (t) => {
    const r = spawnSync(process.execPath, ['bin/sportello.mjs', 'parse', qr(), '--json'], { cwd: root, encoding: 'utf8' });
    if (/unknown command 'parse'/.test(r.stderr)) {
      t.skip('`parse` is not in the command table yet');
      return;
    }
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { notice: { kind: string } }).notice.kind, 'qr');
  });
});
