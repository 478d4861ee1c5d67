/** Size of each slab frames are encoded into: a tick's batch at window 100 is ~6 KB, so one slab serves many. */
const SLAB_BYTES = 64 * 1024;

/**
 * Where a session encodes the frames of one write batch: straight into a shared slab, so a frame costs no
 * Buffer object of its own and a batch no concatenation (at high rates those were a fifth of the session's
 * garbage and a copy of every byte).
 *
 * @remarks
 * Bytes handed out by {@link FrameWriter.take} are never written again: the socket may still hold them. The
 * writer only moves forward through a slab and starts a fresh one when the next frame does not fit; the old
 * slab is freed by the garbage collector once the socket is done with it.
 *
 * Usage: `const at = writer.reserve(length)`, then write exactly `length` octets into `writer.slab` from `at`.
 */
export class FrameWriter {
  private current: Buffer = Buffer.allocUnsafeSlow(SLAB_BYTES);
  /** Start of the bytes not taken yet, in `current`. */
  private start = 0;
  /** End of the written bytes, in `current`. */
  private end = 0;
  /** Earlier slabs' untaken bytes, when a batch spans slabs (rare: a batch larger than what a slab had left). */
  private spilled: Buffer[] = [];
  private spilledBytes = 0;

  /** The slab the last {@link FrameWriter.reserve} returned an offset into. */
  get slab(): Buffer {
    return this.current;
  }

  /** Octets written and not taken yet. */
  get pendingBytes(): number {
    return this.spilledBytes + this.end - this.start;
  }

  /** Reserves `length` octets and returns their offset in {@link FrameWriter.slab}. */
  reserve(length: number): number {
    if (this.end + length > this.current.length) {
      if (this.end > this.start) {
        this.spilled.push(this.current.subarray(this.start, this.end));
        this.spilledBytes += this.end - this.start;
      }
      this.current = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length));
      this.start = 0;
      this.end = 0;
    }
    const at = this.end;
    this.end += length;
    return at;
  }

  /** Gives back the last reservation (its frame could not be written after all). */
  unreserve(at: number): void {
    if (at >= this.start && at <= this.end) this.end = at;
  }

  /** The bytes written since the last take, as one Buffer (undefined when there are none). */
  take(): Buffer | undefined {
    const tail = this.end > this.start ? this.current.subarray(this.start, this.end) : undefined;
    this.start = this.end;
    if (this.spilled.length === 0) return tail;
    if (tail !== undefined) this.spilled.push(tail);
    const data = Buffer.concat(this.spilled, this.spilledBytes + (tail?.length ?? 0));
    this.spilled = [];
    this.spilledBytes = 0;
    return data;
  }

  /** Drops the bytes not taken yet (the connection they were for is gone). */
  discard(): void {
    this.start = this.end;
    this.spilled = [];
    this.spilledBytes = 0;
  }
}
