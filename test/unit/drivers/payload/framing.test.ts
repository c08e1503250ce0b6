import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unframe } from '../../../../drivers/payload/framing';
import { parseNotice } from '../../../../drivers/payload/index';
import { posteDataMatrix, qr } from './samples';

describe('scanner framing', () => {
  const code = qr();
  const cases: Array<{ name: string; raw: string; aimId: string | null; symbology: string | null }> = [
    { name: 'bare', raw: code, aimId: null, symbology: null },
    { name: 'CR LF suffix', raw: `${code}\r\n`, aimId: null, symbology: null },
    { name: 'Tab suffix', raw: `${code}\t`, aimId: null, symbology: null },
    { name: 'NUL padding both ends', raw: `\0\0${code}\0\0\0`, aimId: null, symbology: null },
    { name: 'spaces both ends', raw: `  ${code}  `, aimId: null, symbology: null },
    { name: 'UTF-8 BOM', raw: `\uFEFF${code}`, aimId: null, symbology: null },
    { name: 'AIM QR model 2', raw: `]Q1${code}`, aimId: ']Q1', symbology: 'qr' },
    { name: 'AIM QR with ECI', raw: `]Q3${code}\r`, aimId: ']Q3', symbology: 'qr' },
    { name: 'BOM then AIM then CR', raw: `\uFEFF]Q1${code}\r`, aimId: ']Q1', symbology: 'qr' },
    { name: 'AIM unknown letter', raw: `]k0${code}`, aimId: ']k0', symbology: 'aim-k' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const u = unframe(c.raw);
      assert.equal(u.text, code);
      assert.equal(u.aimId, c.aimId);
      assert.equal(u.symbology, c.symbology);
      const n = parseNotice(c.raw);
      assert.equal(n.noticeNumber, '302000100000009407');
      assert.equal(n.symbology, c.symbology);
      assert.equal(n.aimId, c.aimId);
    });
  }

  test('AIM identifiers name the code families', () => {
    const names: Record<string, string> = {
      ']d2': 'data-matrix',
      ']C0': 'code-128',
      ']E0': 'ean-upc',
      ']z0': 'aztec',
      ']L2': 'pdf417',
      ']A0': 'code-39',
    };
    for (const [id, name] of Object.entries(names)) assert.equal(unframe(`${id}123`).symbology, name, id);
  });

  test('a Data Matrix read with ]d2 keeps its trailing A and inner padding', () => {
    const dm = posteDataMatrix();
    const u = unframe(`]d2${dm}\r\n`);
    assert.equal(u.text, dm);
    assert.equal(parseNotice(`]d2${dm}\r\n`).symbology, 'data-matrix');
  });

  test('a bracket that is not followed by an AIM identifier stays', () => {
    assert.deepEqual(unframe(']'), { text: ']', aimId: null, symbology: null });
    assert.deepEqual(unframe(']1X'), { text: ']1X', aimId: null, symbology: null });
  });

  test('framing in the middle is left alone', () => {
    assert.equal(unframe(`a\r\nb`).text, 'a\r\nb');
  });
});
