// HID POS decoding, tested by replaying report streams: no HID device can exist on this machine
// (no USB, no uhid), so the streams in test/fixtures/hid were constructed from the published
// report layouts (each fixture names the one it follows).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HONEYWELL_HID_POS_LAYOUT, HidPosAssembler, MAX_READ_BYTES, layoutFromDescriptor } from '../../../../drivers/scanner/hid-pos';
import { inputFields } from '../../../../drivers/scanner/hid-descriptor';
import { bytesToText } from '../../../../drivers/scanner/text';
import { loadHidFixture } from './fixtures';

function replay(assembler: HidPosAssembler, reports: Uint8Array[]): { text: string; symbology: string | null }[] {
  const reads: { text: string; symbology: string | null }[] = [];
  for (const r of reports) {
    const read = assembler.push(r);
    if (read) reads.push({ text: bytesToText(read.bytes), symbology: read.symbology });
  }
  return reads;
}

/** The Honeywell scanned-data report as its descriptor declares it (report id 2, 64 bytes). */
const HONEYWELL_DESCRIPTOR = Uint8Array.from([
  0x05,
  0x8c,
  0x09,
  0x02,
  0xa1,
  0x01, // Bar Code Scanner page, Bar Code Scanner, Application
  0x09,
  0x12,
  0xa1,
  0x02, // Scanned Data Report, Logical
  0x85,
  0x02,
  0x15,
  0x00,
  0x26,
  0xff,
  0x00,
  0x75,
  0x08, // id 2, 0..255, 8 bits
  0x95,
  0x01,
  0x05,
  0x01,
  0x09,
  0x3b,
  0x81,
  0x02, // 1 x Generic Desktop Byte Count
  0x95,
  0x03,
  0x05,
  0x8c,
  0x09,
  0xfb,
  0x09,
  0xfc,
  0x09,
  0xfd,
  0x81,
  0x02, // 3 x Symbology Identifier 1..3
  0x95,
  0x38,
  0x09,
  0xfe,
  0x82,
  0x02,
  0x01, // 56 x Decoded Data, buffered bytes
  0x06,
  0x66,
  0xff,
  0x95,
  0x02,
  0x09,
  0x04,
  0x09,
  0x00,
  0x81,
  0x02, // 2 vendor bytes
  0x05,
  0x8c,
  0x25,
  0x01,
  0x75,
  0x01,
  0x95,
  0x08,
  0x09,
  0xff,
  0x81,
  0x02, // 8 x 1 bit Decode Data Continued
  0xc0,
  0xc0,
]);

describe('HID POS report descriptor', () => {
  test('the Honeywell descriptor yields the built-in default layout', () => {
    assert.deepEqual(layoutFromDescriptor(HONEYWELL_DESCRIPTOR), HONEYWELL_HID_POS_LAYOUT);
  });

  test('fields, offsets and report ids are read item by item', () => {
    const fields = inputFields(HONEYWELL_DESCRIPTOR);
    assert.deepEqual(
      fields.map((f) => [f.reportId, f.bitOffset, f.bitSize, f.count, f.buffered]),
      [
        [2, 0, 8, 1, false],
        [2, 8, 8, 3, false],
        [2, 32, 8, 56, true],
        [2, 480, 8, 2, false],
        [2, 496, 1, 8, false],
      ],
    );
  });

  test('a descriptor without a scanned-data report has no layout (a keyboard)', () => {
    const keyboard = Uint8Array.from([
      0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02,
      0xc0,
    ]);
    assert.equal(layoutFromDescriptor(keyboard), null);
  });

  test('a truncated descriptor is refused', () => {
    assert.throws(() => inputFields(Uint8Array.from([0x05, 0x8c, 0x26, 0xff])), RangeError);
  });
});

describe('HID POS reassembly (replayed fixtures)', () => {
  test('Honeywell layout: a pagoPA QR in one report, AIM ]Q1', () => {
    const f = loadHidFixture('hid-pos-honeywell-qr.json');
    assert.equal(f.bytes.length, 1);
    assert.deepEqual(replay(new HidPosAssembler(), f.bytes), f.expected);
  });

  test('Honeywell layout: a 256-character Data Matrix over five 64-byte reports, then a QR', () => {
    const f = loadHidFixture('hid-pos-honeywell-datamatrix.json');
    assert.ok(f.bytes.every((r) => r.length === 64));
    const reads = replay(new HidPosAssembler(), f.bytes);
    assert.deepEqual(reads, f.expected);
    assert.equal(reads[0]?.text.length, 256);
  });

  test('a QR over three short reports, with the layout read from the fixture report descriptor', () => {
    const f = loadHidFixture('hid-pos-short-reports-qr.json');
    assert.ok(f.descriptor);
    const layout = layoutFromDescriptor(f.descriptor);
    assert.deepEqual(layout, {
      reportId: 3,
      byteCount: null,
      symbology: { offset: 1, length: 3 },
      data: { offset: 4, length: 20 },
      continued: { offset: 24, bit: 0 },
    });
    assert.equal(f.bytes.length, 3);
    assert.deepEqual(replay(new HidPosAssembler(layout ?? undefined), f.bytes), f.expected);
  });

  test('the same short reports read with the wrong (default) layout give nothing', () => {
    const f = loadHidFixture('hid-pos-short-reports-qr.json');
    assert.deepEqual(replay(new HidPosAssembler(), f.bytes), []);
  });

  test('no report completes a read while Decode Data Continued is set', () => {
    const f = loadHidFixture('hid-pos-honeywell-datamatrix.json');
    const a = new HidPosAssembler();
    const results = f.bytes.slice(1, 6).map((r) => a.push(r));
    assert.deepEqual(results.slice(0, 4), [null, null, null, null]);
    assert.ok(results[4]);
  });

  test('a byte count larger than the data field is clamped, NULs inside the count are data', () => {
    const r = new Uint8Array(64);
    r[0] = 2;
    r[1] = 200;
    r.set([0x41, 0x00, 0x42], 5);
    const read = new HidPosAssembler().push(r);
    assert.equal(read?.bytes.length, 56);
    assert.deepEqual([...(read?.bytes.subarray(0, 3) ?? [])], [0x41, 0x00, 0x42]);
    assert.equal(read?.symbology, null);
  });

  test('a read past the size cap is dropped to its last report; the next read is whole', () => {
    const r = new Uint8Array(64);
    r[0] = 2;
    r[1] = 56;
    r[63] = 1;
    const a = new HidPosAssembler();
    let completed = 0;
    for (let i = 0; i < Math.ceil(MAX_READ_BYTES / 56) + 2; i++) if (a.push(r)) completed++;
    assert.equal(completed, 0);
    r[63] = 0;
    assert.equal(a.push(r), null, 'the last report of the dropped read');
    r[1] = 3;
    r.set([0x31, 0x32, 0x33], 5);
    assert.equal(bytesToText(a.push(r)?.bytes ?? new Uint8Array()), '123');
  });

  test('UTF-8 data decodes as UTF-8, invalid bytes come through one to one', () => {
    assert.equal(bytesToText(Uint8Array.from([0x50, 0xc3, 0xa0])), 'Pà');
    assert.equal(bytesToText(Uint8Array.from([0x50, 0xe0, 0xff])), 'P\u00e0\u00ff');
  });
});
