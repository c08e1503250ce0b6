/**
 * An ESC/POS reader for tests: turns the bytes a printer would receive into a list of operations
 * (text decoded through the selected code page, style changes, QR store/print with the payload,
 * Code 128 payload, raster images, cut, drawer kick, DLE EOT queries) and the printed text lines.
 * Written from the ESC/POS command reference, independently of drivers/printer: it must not import
 * the encoder's tables, or a mistake there would be read back as correct.
 * `EscPosParser` works on a stream (the fake printer feeds it as bytes arrive); `interpret` on a
 * whole buffer.
 */

export type Alignment = 'left' | 'center' | 'right';

export type EscPosOp =
  | { op: 'init' }
  | { op: 'text'; text: string }
  | { op: 'lf' }
  | { op: 'feed-lines'; lines: number }
  | { op: 'feed-dots'; dots: number }
  | { op: 'codepage'; n: number }
  | { op: 'cancel-kanji' }
  | { op: 'bold'; on: boolean }
  | { op: 'underline'; dots: number }
  | { op: 'size'; width: number; height: number }
  | { op: 'print-mode'; n: number }
  | { op: 'align'; align: Alignment }
  | { op: 'qr-model'; model: number }
  | { op: 'qr-size'; dots: number }
  | { op: 'qr-ecc'; level: 'L' | 'M' | 'Q' | 'H' }
  | { op: 'qr-store'; data: string }
  | { op: 'qr-print'; data: string | undefined }
  | { op: 'barcode-hri'; position: number }
  | { op: 'barcode-height'; dots: number }
  | { op: 'barcode-module'; dots: number }
  | { op: 'barcode'; symbology: number; data: string; codeSets: string[] }
  | { op: 'raster'; width: number; height: number; pixels: Uint8Array }
  | { op: 'cut'; partial: boolean; feedDots: number }
  | { op: 'drawer'; pin: 2 | 5; onMs: number; offMs: number }
  | { op: 'status-query'; n: number }
  | { op: 'unknown'; bytes: number[] };

export interface PrintedLine {
  text: string;
  align: Alignment;
  bold: boolean;
  underline: boolean;
  width: number;
  height: number;
}

export interface Interpretation {
  ops: EscPosOp[];
  /** text lines as printed (raster images and barcodes are not text) */
  lines: string[];
  printed: PrintedLine[];
}

/** Code page 858 (= 850 with € at 0xD5), bytes 0x80..0xFF, as Unicode code points. */
const CP858_HIGH = [
  0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7, 0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5, 0x00c9,
  0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9, 0x00ff, 0x00d6, 0x00dc, 0x00f8, 0x00a3, 0x00d8, 0x00d7, 0x0192, 0x00e1, 0x00ed,
  0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba, 0x00bf, 0x00ae, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb, 0x2591, 0x2592, 0x2593,
  0x2502, 0x2524, 0x00c1, 0x00c2, 0x00c0, 0x00a9, 0x2563, 0x2551, 0x2557, 0x255d, 0x00a2, 0x00a5, 0x2510, 0x2514, 0x2534, 0x252c, 0x251c,
  0x2500, 0x253c, 0x00e3, 0x00c3, 0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x00a4, 0x00f0, 0x00d0, 0x00ca, 0x00cb, 0x00c8,
  0x20ac, 0x00cd, 0x00ce, 0x00cf, 0x2518, 0x250c, 0x2588, 0x2584, 0x00a6, 0x00cc, 0x2580, 0x00d3, 0x00df, 0x00d4, 0x00d2, 0x00f5, 0x00d5,
  0x00b5, 0x00fe, 0x00de, 0x00da, 0x00db, 0x00d9, 0x00fd, 0x00dd, 0x00af, 0x00b4, 0x00ad, 0x00b1, 0x2017, 0x00be, 0x00b6, 0x00a7, 0x00f7,
  0x00b8, 0x00b0, 0x00a8, 0x00b7, 0x00b9, 0x00b3, 0x00b2, 0x25a0, 0x00a0,
];

export interface InterpreterOptions {
  /** ESC t number -> table; default { 19: 'cp858' } (Epson's numbering). Other pages decode high bytes as U+FFFD. */
  codePages?: Record<number, 'cp858'>;
}

export function decodeCp858Byte(b: number): string {
  return b < 0x80 ? String.fromCharCode(b) : String.fromCodePoint(CP858_HIGH[b - 0x80] ?? 0xfffd);
}

const NEED_MORE = Symbol('need more bytes');
type Step = { op: EscPosOp | undefined; length: number } | typeof NEED_MORE;

/** Incremental: push bytes as they arrive, get the operations completed so far. */
export class EscPosParser {
  private buf = new Uint8Array(0);
  private codePage = 0;
  private qrData: string | undefined;
  private readonly pages: Record<number, 'cp858'>;

  constructor(opts: InterpreterOptions = {}) {
    this.pages = opts.codePages ?? { 19: 'cp858' };
  }

  push(chunk: Uint8Array): EscPosOp[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf);
    merged.set(chunk, this.buf.length);
    const ops: EscPosOp[] = [];
    let at = 0;
    while (at < merged.length) {
      const step = this.step(merged, at);
      if (step === NEED_MORE) break;
      if (step.op) ops.push(step.op);
      at += step.length;
    }
    this.buf = merged.slice(at);
    return ops;
  }

  /** bytes still waiting for the rest of their command */
  get pendingBytes(): number {
    return this.buf.length;
  }

  private decode(b: number): string {
    if (b < 0x80) return String.fromCharCode(b);
    return this.pages[this.codePage] === 'cp858' ? decodeCp858Byte(b) : '\uFFFD';
  }

  private step(d: Uint8Array, i: number): Step {
    const b = d[i]!;
    const need = (n: number): boolean => i + n > d.length;
    const at = (k: number): number => d[i + k]!;

    if (b >= 0x20 && b !== 0x7f) {
      let j = i;
      let text = '';
      while (j < d.length && d[j]! >= 0x20 && d[j] !== 0x7f) text += this.decode(d[j++]!);
      return { op: { op: 'text', text }, length: j - i };
    }
    switch (b) {
      case 0x0a:
        return { op: { op: 'lf' }, length: 1 };
      case 0x0d:
        return { op: undefined, length: 1 }; // CR: ignored when auto line feed is off (the default)
      case 0x09:
        return { op: { op: 'text', text: '\t' }, length: 1 };
      case 0x10: // DLE
        if (need(3)) return NEED_MORE;
        if (at(1) === 0x04) return { op: { op: 'status-query', n: at(2) }, length: 3 };
        if (at(1) === 0x05) return { op: { op: 'unknown', bytes: [0x10, 0x05, at(2)] }, length: 3 };
        return { op: { op: 'unknown', bytes: [b] }, length: 1 };
      case 0x1b:
        return this.esc(d, i);
      case 0x1d:
        return this.gs(d, i);
      case 0x1c: // FS
        if (need(2)) return NEED_MORE;
        if (at(1) === 0x2e) return { op: { op: 'cancel-kanji' }, length: 2 };
        return { op: { op: 'unknown', bytes: [b, at(1)] }, length: 2 };
      default:
        return { op: { op: 'unknown', bytes: [b] }, length: 1 };
    }
  }

  private esc(d: Uint8Array, i: number): Step {
    if (i + 2 > d.length) return NEED_MORE;
    const c = d[i + 1]!;
    const withArgs = (n: number, make: (a: number[]) => EscPosOp | undefined): Step => {
      if (i + 2 + n > d.length) return NEED_MORE;
      return { op: make(Array.from(d.subarray(i + 2, i + 2 + n))), length: 2 + n };
    };
    switch (c) {
      case 0x40: // ESC @
        this.codePage = 0;
        return { op: { op: 'init' }, length: 2 };
      case 0x74: // ESC t n
        return withArgs(1, ([n]) => {
          this.codePage = n!;
          return { op: 'codepage', n: n! };
        });
      case 0x45: // ESC E n
        return withArgs(1, ([n]) => ({ op: 'bold', on: (n! & 1) === 1 }));
      case 0x2d: // ESC - n
        return withArgs(1, ([n]) => ({ op: 'underline', dots: n! === 0x30 ? 0 : n! === 0x31 ? 1 : n! === 0x32 ? 2 : n! }));
      case 0x61: // ESC a n
        return withArgs(1, ([n]) => ({ op: 'align', align: (['left', 'center', 'right'] as const)[n! % 48] ?? 'left' }));
      case 0x64: // ESC d n
        return withArgs(1, ([n]) => ({ op: 'feed-lines', lines: n! }));
      case 0x4a: // ESC J n
        return withArgs(1, ([n]) => ({ op: 'feed-dots', dots: n! }));
      case 0x21: // ESC ! n
        return withArgs(1, ([n]) => ({ op: 'print-mode', n: n! }));
      case 0x70: // ESC p m t1 t2
        return withArgs(3, ([m, t1, t2]) => ({ op: 'drawer', pin: m! % 48 === 0 ? 2 : 5, onMs: t1! * 2, offMs: t2! * 2 }));
      case 0x32: // ESC 2
        return { op: undefined, length: 2 };
      case 0x33:
      case 0x4d:
      case 0x52:
      case 0x47:
      case 0x7b:
      case 0x56:
      case 0x20: // one-argument settings we do not model
        return withArgs(1, () => undefined);
      default:
        return { op: { op: 'unknown', bytes: [0x1b, c] }, length: 2 };
    }
  }

  private gs(d: Uint8Array, i: number): Step {
    if (i + 2 > d.length) return NEED_MORE;
    const c = d[i + 1]!;
    const have = (n: number): boolean => i + n <= d.length;
    const u = (k: number): number => d[i + k]!;
    switch (c) {
      case 0x21: // GS ! n
        if (!have(3)) return NEED_MORE;
        return { op: { op: 'size', width: (u(2) >> 4) + 1, height: (u(2) & 0x0f) + 1 }, length: 3 };
      case 0x48: // GS H n
        if (!have(3)) return NEED_MORE;
        return { op: { op: 'barcode-hri', position: u(2) % 48 }, length: 3 };
      case 0x68: // GS h n
        if (!have(3)) return NEED_MORE;
        return { op: { op: 'barcode-height', dots: u(2) }, length: 3 };
      case 0x77: // GS w n
        if (!have(3)) return NEED_MORE;
        return { op: { op: 'barcode-module', dots: u(2) }, length: 3 };
      case 0x66:
      case 0x42:
      case 0x61:
      case 0x72: // GS f/B/a/r n: one argument
        if (!have(3)) return NEED_MORE;
        return { op: c === 0x72 ? { op: 'unknown', bytes: [0x1d, 0x72, u(2)] } : undefined, length: 3 };
      case 0x56: {
        // GS V m [n]
        if (!have(3)) return NEED_MORE;
        const m = u(2);
        if (m === 0 || m === 1 || m === 0x30 || m === 0x31) return { op: { op: 'cut', partial: m % 48 === 1, feedDots: 0 }, length: 3 };
        if (!have(4)) return NEED_MORE;
        return { op: { op: 'cut', partial: m === 66 || m === 98 || m === 104, feedDots: u(3) }, length: 4 };
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d1..dk
        if (!have(8)) return NEED_MORE;
        const bytesPerRow = u(4) + u(5) * 256;
        const rows = u(6) + u(7) * 256;
        const total = 8 + bytesPerRow * rows;
        if (!have(total)) return NEED_MORE;
        const width = bytesPerRow * 8;
        const pixels = new Uint8Array(width * rows);
        for (let y = 0; y < rows; y++) {
          for (let x = 0; x < width; x++) pixels[y * width + x] = (u(8 + y * bytesPerRow + (x >> 3)) >> (7 - (x & 7))) & 1;
        }
        return { op: { op: 'raster', width, height: rows, pixels }, length: total };
      }
      case 0x6b: // GS k
        return this.barcode(d, i);
      case 0x28: {
        // GS ( fn pL pH ...
        if (!have(5)) return NEED_MORE;
        const len = u(3) + u(4) * 256;
        if (!have(5 + len)) return NEED_MORE;
        const body = d.subarray(i + 5, i + 5 + len);
        return { op: u(2) === 0x6b ? this.twoDimensional(body) : { op: 'unknown', bytes: [0x1d, 0x28, u(2)] }, length: 5 + len };
      }
      default:
        return { op: { op: 'unknown', bytes: [0x1d, c] }, length: 2 };
    }
  }

  /** GS ( k, cn = 49 (QR): fn 65 model, 67 module size, 69 error correction, 80 store, 81 print */
  private twoDimensional(body: Uint8Array): EscPosOp {
    const [cn, fn, p1] = body;
    if (cn !== 0x31) return { op: 'unknown', bytes: [0x1d, 0x28, 0x6b, ...body.subarray(0, 2)] };
    switch (fn) {
      case 0x41:
        return { op: 'qr-model', model: (p1 ?? 0) - 48 };
      case 0x43:
        return { op: 'qr-size', dots: p1 ?? 0 };
      case 0x45:
        return { op: 'qr-ecc', level: (['L', 'M', 'Q', 'H'] as const)[(p1 ?? 48) - 48] ?? 'L' };
      case 0x50:
        this.qrData = Buffer.from(body.subarray(3)).toString('utf8');
        return { op: 'qr-store', data: this.qrData };
      case 0x51:
        return { op: 'qr-print', data: this.qrData };
      default:
        return { op: 'unknown', bytes: [0x1d, 0x28, 0x6b, cn, fn ?? 0] };
    }
  }

  /** GS k m: m 0..6 NUL-terminated data, m 65..79 length-prefixed; m 73 is Code 128 with {A {B {C selections */
  private barcode(d: Uint8Array, i: number): Step {
    if (i + 3 > d.length) return NEED_MORE;
    const m = d[i + 2]!;
    let data: Uint8Array;
    let length: number;
    if (m <= 6) {
      const end = d.indexOf(0, i + 3);
      if (end < 0) return NEED_MORE;
      data = d.subarray(i + 3, end);
      length = end + 1 - i;
    } else {
      if (i + 4 > d.length) return NEED_MORE;
      const n = d[i + 3]!;
      if (i + 4 + n > d.length) return NEED_MORE;
      data = d.subarray(i + 4, i + 4 + n);
      length = 4 + n;
    }
    if (m !== 73) return { op: { op: 'barcode', symbology: m, data: String.fromCharCode(...data), codeSets: [] }, length };
    let set = '';
    const codeSets: string[] = [];
    let text = '';
    for (let k = 0; k < data.length; k++) {
      const v = data[k]!;
      if (v === 0x7b && k + 1 < data.length) {
        const sel = String.fromCharCode(data[++k]!);
        if (sel === 'A' || sel === 'B' || sel === 'C') {
          set = sel;
          codeSets.push(sel);
        } else if (sel === '{') text += '{';
        else text += `<${sel}>`; // FNC1..4 and shift, shown as markers
        continue;
      }
      text += set === 'C' ? String(v).padStart(2, '0') : String.fromCharCode(v);
    }
    return { op: { op: 'barcode', symbology: 73, data: text, codeSets }, length };
  }
}

/** Interprets a whole byte stream: operations plus the text lines they print. */
export function interpret(bytes: Uint8Array, opts: InterpreterOptions = {}): Interpretation {
  const parser = new EscPosParser(opts);
  const raw = parser.push(bytes);
  if (parser.pendingBytes > 0) raw.push({ op: 'unknown', bytes: [] });
  const ops: EscPosOp[] = [];
  for (const op of raw) {
    const last = ops[ops.length - 1];
    if (op.op === 'text' && last?.op === 'text') last.text += op.text;
    else ops.push(op);
  }
  return { ops, ...printedLines(ops) };
}

function printedLines(ops: readonly EscPosOp[]): { lines: string[]; printed: PrintedLine[] } {
  const printed: PrintedLine[] = [];
  const state = { align: 'left' as Alignment, bold: false, underline: false, width: 1, height: 1 };
  let current: PrintedLine | undefined;
  const flush = (): void => {
    printed.push(current ?? { text: '', ...state });
    current = undefined;
  };
  for (const op of ops) {
    switch (op.op) {
      case 'init':
        Object.assign(state, { align: 'left', bold: false, underline: false, width: 1, height: 1 });
        break;
      case 'text':
        current ??= { text: '', ...state };
        current.text += op.text;
        break;
      case 'lf':
        flush();
        break;
      case 'feed-lines':
        // prints the pending line (if any) and feeds: n lines of paper in all
        if (current || op.lines > 0) flush();
        for (let k = 1; k < op.lines; k++) flush();
        break;
      case 'cut':
        if (current) flush();
        break;
      case 'align':
        state.align = op.align;
        break;
      case 'bold':
        state.bold = op.on;
        break;
      case 'underline':
        state.underline = op.dots > 0;
        break;
      case 'size':
        state.width = op.width;
        state.height = op.height;
        break;
      case 'print-mode':
        Object.assign(state, {
          bold: (op.n & 0x08) !== 0,
          height: op.n & 0x10 ? 2 : 1,
          width: op.n & 0x20 ? 2 : 1,
          underline: (op.n & 0x80) !== 0,
        });
        break;
      default:
        break;
    }
  }
  if (current) flush();
  return { lines: printed.map((l) => l.text), printed };
}

/** The image as text, '#' for black, for assertion messages and debugging. */
export function rasterToText(op: Extract<EscPosOp, { op: 'raster' }>): string {
  const rows: string[] = [];
  for (let y = 0; y < op.height; y++) {
    let row = '';
    for (let x = 0; x < op.width; x++) row += op.pixels[y * op.width + x] ? '#' : '.';
    rows.push(row);
  }
  return rows.join('\n');
}

/** Raster bands printed one after another, stacked into one image (GS v 0 bands of one picture). */
export function stackRasters(ops: readonly Extract<EscPosOp, { op: 'raster' }>[]): { width: number; height: number; pixels: Uint8Array } {
  const width = Math.max(0, ...ops.map((o) => o.width));
  const height = ops.reduce((n, o) => n + o.height, 0);
  const pixels = new Uint8Array(width * height);
  let y0 = 0;
  for (const o of ops) {
    for (let y = 0; y < o.height; y++) pixels.set(o.pixels.subarray(y * o.width, (y + 1) * o.width), (y0 + y) * width);
    y0 += o.height;
  }
  return { width, height, pixels };
}
