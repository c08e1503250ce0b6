/**
 * Splits a serial scanner's byte stream into reads by the suffix the scanner is programmed to
 * send (CR, LF, CR LF), or, with 'none', leaves it all pending for the caller's idle timeout.
 * Bytes may arrive in any chunks: a read split across chunks, several reads in one chunk, a CR LF
 * split between two chunks. The suffix is removed; empty reads (a lone suffix) are dropped;
 * anything else, garbage included, is delivered as it came. Pure.
 */
import { missingCase } from '../../kernel/errors';

export type Suffix = 'CR' | 'LF' | 'CRLF' | 'none';

export const SUFFIXES: readonly Suffix[] = ['CR', 'LF', 'CRLF', 'none'];

const CR = 0x0d;
const LF = 0x0a;

/** A read longer than this without its suffix is delivered as is, so line noise cannot grow memory. */
export const MAX_FRAME_BYTES = 16 * 1024;

export class SerialFramer {
  private buffer = new Uint8Array(0);

  constructor(
    readonly suffix: Suffix,
    private readonly maxFrameBytes = MAX_FRAME_BYTES,
  ) {}

  /** Adds a chunk; returns the reads it completed, oldest first. */
  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    const frames: Uint8Array[] = [];
    let start = 0;
    if (this.suffix !== 'none') {
      for (let i = 0; i < joined.length; i++) {
        const end = this.suffixAt(joined, i);
        if (end === 0) continue;
        if (i > start) frames.push(joined.slice(start, i));
        start = i + end;
        i = start - 1;
      }
    }
    let rest = joined.subarray(start);
    while (rest.length > this.maxFrameBytes) {
      frames.push(rest.slice(0, this.maxFrameBytes));
      rest = rest.subarray(this.maxFrameBytes);
    }
    this.buffer = rest.slice();
    return frames;
  }

  /** Takes what is pending (idle timeout, or the port closing); null when nothing is. */
  flush(): Uint8Array | null {
    const rest = this.buffer;
    this.buffer = new Uint8Array(0);
    return rest.length > 0 ? rest : null;
  }

  get pending(): boolean {
    return this.buffer.length > 0;
  }

  /** Length of the suffix starting at i (0 when none starts there). */
  private suffixAt(bytes: Uint8Array, i: number): number {
    switch (this.suffix) {
      case 'CR':
        return bytes[i] === CR ? 1 : 0;
      case 'LF':
        return bytes[i] === LF ? 1 : 0;
      case 'CRLF':
        return bytes[i] === CR && bytes[i + 1] === LF ? 2 : 0;
      case 'none':
        return 0;
      default:
        return missingCase(this.suffix);
    }
  }
}
