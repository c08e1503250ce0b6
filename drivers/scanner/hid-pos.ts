/**
 * HID POS scanned-data reports -> one payload per scan. Pure: fed with report buffers as
 * node-hid returns them (report id byte first when the device numbers its reports).
 *
 * Source: USB "HID Point of Sale Usage Tables" 1.02, Bar Code Scanner page (0x8C), today part of
 * the HID Usage Tables: Scanned Data Report (0x12) is the collection a scanner sends a read in;
 * in it Symbology Identifier 1..3 (0xFB..0xFD) carry the AIM identifier (ISO/IEC 15424, `]Q1`
 * for a QR code, `]d1` for Data Matrix ECC 200), Decoded Data (0xFE) the data bytes (buffered,
 * NUL-padded), and the Decode Data Continued flag (0xFF) says another report of the same read
 * follows. A Generic Desktop Byte Count (page 0x01, 0x3B) field, when present, gives the number
 * of valid data bytes in this report.
 *
 * The usage tables fix the usages, not the byte positions: the device's report descriptor does
 * (layoutFromDescriptor). Without it we assume the layout of Honeywell scanners in HID POS mode
 * (report id 2; byte count; 3 AIM bytes; 56 data bytes; 2 vendor bytes with Honeywell's own code
 * id; continuation flag in bit 0 of byte 63: 64 bytes in all), as their report descriptor
 * declares it with exactly those usages.
 */
import { inputFields, locateUsage, usage } from './hid-descriptor';

export const HID_POS_USAGE_PAGE = 0x8c;
export const USAGE_BAR_CODE_SCANNER = usage(0x8c, 0x02);
export const USAGE_SYMBOLOGY_ID_1 = usage(0x8c, 0xfb);
export const USAGE_SYMBOLOGY_ID_3 = usage(0x8c, 0xfd);
export const USAGE_DECODED_DATA = usage(0x8c, 0xfe);
export const USAGE_DECODE_DATA_CONTINUED = usage(0x8c, 0xff);
export const USAGE_BYTE_COUNT = usage(0x01, 0x3b);

/** Byte positions in a report as read (the report id, if any, is byte 0). */
export interface HidPosLayout {
  reportId: number | null;
  byteCount: { offset: number } | null;
  symbology: { offset: number; length: number } | null;
  data: { offset: number; length: number };
  continued: { offset: number; bit: number } | null;
}

export const HONEYWELL_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  byteCount: { offset: 1 },
  symbology: { offset: 2, length: 3 },
  data: { offset: 5, length: 56 },
  continued: { offset: 63, bit: 0 },
};

/** The scanned-data report layout a report descriptor declares, or null if it declares none. */
export function layoutFromDescriptor(descriptor: Uint8Array): HidPosLayout | null {
  const fields = inputFields(descriptor);
  const data = locateUsage(fields, USAGE_DECODED_DATA);
  if (!data || data.bitInByte !== 0 || data.length < 1) return null;
  const same = data.reportId;
  const count = locateUsage(fields, USAGE_BYTE_COUNT, same);
  const sym1 = locateUsage(fields, USAGE_SYMBOLOGY_ID_1, same);
  const sym3 = locateUsage(fields, USAGE_SYMBOLOGY_ID_3, same);
  const more = locateUsage(fields, USAGE_DECODE_DATA_CONTINUED, same);
  return {
    reportId: same,
    byteCount: count && count.bitInByte === 0 ? { offset: count.byteOffset } : null,
    symbology: sym1 ? { offset: sym1.byteOffset, length: sym3 ? sym3.byteOffset - sym1.byteOffset + 1 : 1 } : null,
    data: { offset: data.byteOffset, length: data.length },
    continued: more ? { offset: more.byteOffset, bit: more.bitInByte } : null,
  };
}

export interface HidPosRead {
  bytes: Uint8Array;
  /** AIM symbology identifier as sent (NULs removed), null when the scanner sent none */
  symbology: string | null;
}

/** A read longer than this is not a barcode: it is dropped, up to and including its last report. */
export const MAX_READ_BYTES = 64 * 1024;

/** Reassembles reads that span several reports. One instance per device. */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private total = 0;
  private symbology: string | null = null;
  /** over the size cap: skipping the rest of this read */
  private discarding = false;

  constructor(readonly layout: HidPosLayout = HONEYWELL_HID_POS_LAYOUT) {}

  /** Feeds one input report; returns the read when this report completes one. Other reports (trigger, status) are ignored. */
  push(report: Uint8Array): HidPosRead | null {
    const L = this.layout;
    if (L.reportId !== null && report[0] !== L.reportId) return null;
    const more = L.continued ? ((report[L.continued.offset] ?? 0) >> L.continued.bit) & 1 : 0;
    if (this.discarding) {
      this.discarding = more === 1;
      return null;
    }
    const window = report.subarray(L.data.offset, L.data.offset + L.data.length);
    const valid = L.byteCount ? Math.min(report[L.byteCount.offset] ?? 0, window.length) : withoutPadding(window);
    if (this.parts.length === 0) this.symbology = readSymbology(report, L);
    this.parts.push(window.slice(0, valid));
    this.total += valid;
    if (this.total > MAX_READ_BYTES) {
      this.reset();
      this.discarding = more === 1;
      return null;
    }
    if (more) return null;
    const bytes = new Uint8Array(this.total);
    let at = 0;
    for (const p of this.parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const read = { bytes, symbology: this.symbology };
    this.reset();
    return read;
  }

  /** Drops a half-received read (the device went away mid-read). */
  reset(): void {
    this.discarding = false;
    this.parts = [];
    this.total = 0;
    this.symbology = null;
  }
}

/** Without a byte count the data is NUL-padded to the end of the field. */
function withoutPadding(bytes: Uint8Array): number {
  let n = bytes.length;
  while (n > 0 && bytes[n - 1] === 0) n--;
  return n;
}

function readSymbology(report: Uint8Array, L: HidPosLayout): string | null {
  if (!L.symbology) return null;
  let s = '';
  for (const b of report.subarray(L.symbology.offset, L.symbology.offset + L.symbology.length)) {
    if (b !== 0) s += String.fromCharCode(b);
  }
  return s === '' ? null : s;
}
