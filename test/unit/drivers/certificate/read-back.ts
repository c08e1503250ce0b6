// Reading the previews back the way a viewer would, written independently of the renderers:
// text from the PDF's content streams (inflated with zlib when deflated, hex strings decoded
// through WinAnsiEncoding, the encoding of PDF's standard fonts) and from the SVG's <text> elements,
// and QR module matrices back from the SVG's drawing.
import { inflateSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';

/** WinAnsiEncoding 0x80..0x9F (PDF 32000-1, Annex D); 0xA0..0xFF is Latin-1. */
const WIN_ANSI_80: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function winAnsi(bytes: Buffer): string {
  let s = '';
  for (const b of bytes) s += b >= 0x80 && b < 0xa0 ? (WIN_ANSI_80[b] ?? '\uFFFD') : String.fromCharCode(b);
  return s;
}

/** Every content stream of the file, inflated when it was deflated. */
function streams(pdf: Uint8Array): string[] {
  const buf = Buffer.from(pdf);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = buf.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let body = start + 'stream'.length;
    if (buf[body] === 0x0d) body++;
    if (buf[body] === 0x0a) body++;
    const end = buf.indexOf('endstream', body, 'latin1');
    if (end < 0) break;
    const raw = buf.subarray(body, end);
    const dict = buf.subarray(Math.max(0, start - 300), start).toString('latin1');
    const deflated = /\/FlateDecode/.test(dict.slice(dict.lastIndexOf('<<')));
    out.push((deflated ? inflateSync(raw) : raw).toString('latin1'));
    at = end + 'endstream'.length;
  }
  return out;
}

/** The text shown by each BT..ET block, in order (one printed line per block in sportello's PDFs). */
export function pdfTextLines(pdf: Uint8Array): string[] {
  const lines: string[] = [];
  for (const s of streams(pdf)) {
    for (const block of s.match(/BT[\s\S]*?ET/g) ?? []) {
      let line = '';
      for (const op of block.match(/(\[[^\]]*\]\s*TJ|<[0-9a-fA-F]*>\s*Tj|\((?:\\.|[^\\)])*\)\s*Tj)/g) ?? []) {
        for (const hex of op.match(/<([0-9a-fA-F]*)>/g) ?? []) line += winAnsi(Buffer.from(hex.slice(1, -1), 'hex'));
        for (const lit of op.match(/\((?:\\.|[^\\)])*\)/g) ?? []) line += lit.slice(1, -1).replace(/\\(.)/g, '$1');
      }
      if (line !== '') lines.push(line);
    }
  }
  return lines;
}

export function pdfPageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page\b/g) ?? []
  ).length;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The SVG must be well-formed XML; returns the content of its <text> elements, in order. */
export function svgTextLines(svg: string): string[] {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`SVG is not well-formed: ${JSON.stringify(valid)}`);
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&(\w+);/g, (w, e: string) => ENTITIES[e] ?? w));
}

/** Module matrices of the symbols drawn in the SVG, read from their square path segments. */
export function svgSymbols(svg: string): Array<{ cols: number; rows: number; modules: number[] }> {
  return [...svg.matchAll(/<path class="symbol" data-cols="(\d+)" data-module="(\d+)" d="([^"]*)"/g)].map((m) => {
    const cols = Number(m[1]);
    const size = Number(m[2]);
    const squares = [...m[3]!.matchAll(/M(\d+) (\d+)h/g)].map((p) => [Number(p[1]), Number(p[2])] as const);
    const x0 = Math.min(...squares.map(([x]) => x));
    const y0 = Math.min(...squares.map(([, y]) => y));
    const rows = (Math.max(...squares.map(([, y]) => y)) - y0) / size + 1;
    const modules = new Array<number>(cols * rows).fill(0);
    for (const [x, y] of squares) modules[((y - y0) / size) * cols + (x - x0) / size] = 1;
    return { cols, rows, modules };
  });
}

/** All text of a rendering as one string with runs of spaces folded: wrapped values can be searched. */
export function flatten(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .join(' ')
    .replace(/\s+/g, ' ');
}
