/**
 * Monospaced text layout in character columns, shared by every renderer of a PrintDocument: word
 * wrapping, label/value pairs and rules. Widths count code points, so callers pass text already
 * mapped to what the printer can show (printableCp858 for ESC/POS).
 */
import type { Align, TextStyle } from './document';

/** Characters per line at this style: double width halves them. */
export function columnsFor(columns: number, style?: TextStyle): number {
  return style?.doubleWidth ? Math.max(1, Math.floor(columns / 2)) : columns;
}

/**
 * Word-wraps a paragraph to `width` columns. '\n' forces a break; a word longer than a line is cut;
 * spaces at a break are dropped, spaces inside a line are kept (they may be alignment).
 */
export function wrapText(text: string, width: number): string[] {
  if (width < 1) throw new RangeError('width must be at least 1');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const token of paragraph.split(/(\s+)/)) {
      if (token === '') continue;
      if (/^\s+$/.test(token)) {
        line += token.replace(/\s/g, ' ');
        continue;
      }
      for (const word of chunk(token, width)) {
        if (length(line) + length(word) <= width) {
          line += word;
          continue;
        }
        if (line.trimEnd() !== '') lines.push(line.trimEnd());
        line = word;
      }
    }
    // a line of spaces that no longer fits gets cut rather than spilling into a blank line
    lines.push(Array.from(line.trimEnd()).slice(0, width).join(''));
  }
  return lines;
}

/** "label .... value" on one line when both fit, else the label wrapped and the value flush right below. */
export function layoutPair(label: string, value: string, width: number): string[] {
  const gap = width - length(label) - length(value);
  if (gap >= 1) return [label + ' '.repeat(gap) + value];
  const lines = wrapText(label, width);
  for (const v of wrapText(value, width)) lines.push(alignLine(v, width, 'right'));
  return lines;
}

export function ruleLine(char: string, width: number): string {
  const c = Array.from(char)[0] ?? '-';
  return c.repeat(width);
}

/** Pads a line with spaces so that it sits left, centred or right in `width` columns. */
export function alignLine(line: string, width: number, align: Align): string {
  const free = Math.max(0, width - length(line));
  switch (align) {
    case 'left':
      return line;
    case 'center':
      return ' '.repeat(Math.floor(free / 2)) + line;
    case 'right':
      return ' '.repeat(free) + line;
  }
}

function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function chunk(word: string, width: number): string[] {
  const chars = Array.from(word);
  if (chars.length <= width) return [word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}
