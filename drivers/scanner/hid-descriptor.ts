/**
 * A minimal HID report descriptor reader: enough to find where each Input usage sits in its
 * report (report id, bit offset, size). HID POS fixes the usages of a scanned-data report, not
 * their positions, so a scanner's descriptor is the authority on its layout (hid-pos.ts).
 * Follows the item format of the Device Class Definition for HID 1.11, §6.2.2 (short items:
 * 1 prefix byte = tag<<4 | type<<2 | size code; long items 0xFE skipped). Pure.
 */

/** A usage with its page: page << 16 | id (the HID "extended usage"). */
export type Usage = number;

export const usage = (page: number, id: number): Usage => (page & 0xffff) * 0x10000 + (id & 0xffff);

export interface InputField {
  reportId: number | null;
  /** offset of the first element from the start of the report data (after the report id byte) */
  bitOffset: number;
  bitSize: number;
  count: number;
  /** the usage of each element (a buffered-bytes field has one usage for all of them) */
  elementUsages: Usage[];
  constant: boolean;
  buffered: boolean;
}

interface Globals {
  usagePage: number;
  reportSize: number;
  reportCount: number;
  reportId: number | null;
}

const ITEM_SIZE = [0, 1, 2, 4] as const;

/** Every Input main item of the descriptor, in order. Throws RangeError on a truncated item. */
export function inputFields(descriptor: Uint8Array): InputField[] {
  const fields: InputField[] = [];
  const offsets = new Map<number | null, number>();
  const stack: Globals[] = [];
  let g: Globals = { usagePage: 0, reportSize: 0, reportCount: 0, reportId: null };
  let usages: Usage[] = [];
  let usageMin: Usage | null = null;
  let usageMax: Usage | null = null;

  let i = 0;
  while (i < descriptor.length) {
    const prefix = descriptor[i] ?? 0;
    if (prefix === 0xfe) {
      // long item: size byte, tag byte, data
      i += 3 + (descriptor[i + 1] ?? 0);
      continue;
    }
    const size = ITEM_SIZE[prefix & 0x03] ?? 0;
    if (i + 1 + size > descriptor.length) throw new RangeError(`report descriptor truncated at byte ${i}`);
    let value = 0;
    for (let b = 0; b < size; b++) value += (descriptor[i + 1 + b] ?? 0) * 2 ** (8 * b);
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    i += 1 + size;

    const extend = (v: number): Usage => (size === 4 ? v : usage(g.usagePage, v));
    if (type === 1) {
      // global
      if (tag === 0x0) g.usagePage = value;
      else if (tag === 0x7) g.reportSize = value;
      else if (tag === 0x8) g.reportId = value;
      else if (tag === 0x9) g.reportCount = value;
      else if (tag === 0xa) stack.push({ ...g });
      else if (tag === 0xb) g = stack.pop() ?? g;
    } else if (type === 2) {
      // local
      if (tag === 0x0) usages.push(extend(value));
      else if (tag === 0x1) usageMin = extend(value);
      else if (tag === 0x2) usageMax = extend(value);
    } else if (type === 0) {
      // main
      if (tag === 0x8) {
        const offset = offsets.get(g.reportId) ?? 0;
        const count = g.reportCount;
        const all = [...usages];
        if (usageMin !== null && usageMax !== null) for (let u = usageMin; u <= usageMax && all.length < count; u++) all.push(u);
        const buffered = (value & 0x100) !== 0;
        const elementUsages: Usage[] = [];
        // The last usage applies to the remaining elements (HID 1.11 §6.2.2.8).
        const n = buffered ? Math.min(1, all.length) : all.length === 0 ? 0 : count;
        for (let e = 0; e < n; e++) elementUsages.push(all[Math.min(e, all.length - 1)] ?? 0);
        fields.push({
          reportId: g.reportId,
          bitOffset: offset,
          bitSize: g.reportSize,
          count,
          elementUsages,
          constant: (value & 0x01) !== 0,
          buffered,
        });
        offsets.set(g.reportId, offset + g.reportSize * count);
      }
      usages = [];
      usageMin = null;
      usageMax = null;
    }
  }
  return fields;
}

/** Where the first element carrying `u` sits: report id, byte offset in the report as read
 *  (report id byte included), and how many consecutive bytes carry it. Null when absent. */
export function locateUsage(
  fields: InputField[],
  u: Usage,
  reportId?: number | null,
): { reportId: number | null; byteOffset: number; bitInByte: number; length: number } | null {
  for (const f of fields) {
    if (reportId !== undefined && f.reportId !== reportId) continue;
    if (f.constant) continue;
    const index = f.elementUsages.indexOf(u);
    if (index < 0) continue;
    const bit = f.bitOffset + index * f.bitSize + (f.reportId !== null ? 8 : 0);
    const length = f.buffered
      ? (f.bitSize * f.count) / 8
      : (f.elementUsages.filter((x, k) => k >= index && x === u).length * f.bitSize) / 8;
    return { reportId: f.reportId, byteOffset: Math.floor(bit / 8), bitInByte: bit % 8, length };
  }
  return null;
}
