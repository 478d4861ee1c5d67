import { copyUuidWords } from '../correlation/fast-random-uuid.js';

/** Length byte of a cell that holds no string. */
const ABSENT = 0xfe;
/** Length byte of a cell whose string is kept as a reference (too long for the width, or beyond Latin-1). */
const SPILLED = 0xff;

/**
 * A column of short strings, one per cell, copied as Latin-1 bytes into a preallocated buffer of `width` bytes
 * per cell; a longer or wider string is kept as a reference instead.
 *
 * @remarks
 * Why copy: a ledger keeps a message's correlation id, destination and message id for as long as it keeps the
 * message, tens of thousands of them, and a string kept that long is copied by the young generation's
 * collector, promoted and later marked, besides the write barrier of storing it into an old array. On the
 * engine path that cost more than the copy of a 36-character id (bench/README.md, "Message ledger").
 * Widths fit what the client writes in practice (a UUID is 36 characters, an MSISDN at most 15, an SMSC
 * message id up to 64 but mostly under 24); anything else still works, at the cost the copy avoids.
 */
export class FixedWidthStrings {
  private readonly bytes: Buffer;
  /** `bytes` as 32-bit words (when `width` is a multiple of 4): for {@link setUuidWords}. */
  private readonly words: Int32Array | undefined;
  private readonly lengths: Uint8Array;
  private readonly spilled: Array<string | undefined>;

  constructor(
    cells: number,
    private readonly width: number,
  ) {
    if (width >= ABSENT) throw new RangeError(`FixedWidthStrings width must be < ${ABSENT}, got ${width}`);
    this.bytes = Buffer.alloc(cells * width);
    // Buffer.alloc never takes from the shared pool, so its memory starts on a word boundary.
    this.words =
      width % 4 === 0
        ? new Int32Array(this.bytes.buffer, this.bytes.byteOffset, (cells * width) / 4)
        : undefined;
    this.lengths = new Uint8Array(cells).fill(ABSENT);
    this.spilled = new Array<string | undefined>(cells).fill(undefined);
  }

  set(cell: number, s: string | undefined): void {
    if (this.lengths[cell] === SPILLED) this.spilled[cell] = undefined;
    if (s === undefined) {
      this.lengths[cell] = ABSENT;
      return;
    }
    const n = s.length;
    if (n <= this.width) {
      const bytes = this.bytes;
      const base = cell * this.width;
      let bits = 0;
      for (let k = 0; k < n; k++) {
        const code = s.charCodeAt(k);
        bits |= code;
        bytes[base + k] = code;
      }
      if (bits <= 0xff) {
        this.lengths[cell] = n;
        return;
      }
    }
    this.lengths[cell] = SPILLED;
    this.spilled[cell] = s;
  }

  /**
   * {@link set} for a 36-character id whose Latin-1 bytes are already words: `src[from]` to `src[from + 8]` (as
   * `copyLastUuid` writes them). False when this column is too narrow or not whole words; the caller then gives
   * the string to `set`.
   */
  setUuidWords(cell: number, src: Int32Array, from: number): boolean {
    const words = this.words;
    if (words === undefined || this.width < 36) return false;
    copyUuidWords(src, from, words, (cell * this.width) >> 2);
    if (this.lengths[cell] === SPILLED) this.spilled[cell] = undefined;
    this.lengths[cell] = 36;
    return true;
  }

  get(cell: number): string | undefined {
    const n = this.lengths[cell]!;
    if (n === ABSENT) return undefined;
    if (n === SPILLED) return this.spilled[cell];
    const base = cell * this.width;
    return this.bytes.toString('latin1', base, base + n);
  }
}
