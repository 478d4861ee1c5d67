/**
 * Collects the PDUs one connection will write, so everything produced while handling one socket read goes out
 * in a single `socket.write` (pipelining: SMPP 3.4 §2.7 lets responses flow while requests keep coming).
 *
 * @remarks
 * Small responses (submit_sm_resp, headers-only errors) are written straight into a reusable scratch buffer, so
 * the hot path allocates one Buffer per read instead of one per PDU.
 */
export class OutputBuffer {
  private scratch: Buffer;
  private length = 0;
  /** PDUs appended since the last `take`. */
  count = 0;

  constructor(initialSize = 16 * 1024) {
    this.scratch = Buffer.allocUnsafe(initialSize);
  }

  /** Whether nothing is waiting. */
  get isEmpty(): boolean {
    return this.length === 0;
  }

  /** Appends a 16-octet header-only PDU (§3.2): enquire_link_resp, unbind_resp, generic_nack, error responses. */
  appendHeader(commandId: number, status: number, sequence: number): void {
    this.reserve(16);
    const b = this.scratch;
    const o = this.length;
    b.writeUInt32BE(16, o);
    b.writeUInt32BE(commandId, o + 4);
    b.writeUInt32BE(status, o + 8);
    b.writeUInt32BE(sequence, o + 12);
    this.length = o + 16;
    this.count++;
  }

  /** Appends a response whose body is one C-Octet String (submit_sm_resp, data_sm_resp: message_id, §4.4.2). */
  appendWithCString(commandId: number, status: number, sequence: number, value: string): void {
    // Message ids and system ids are ASCII (§3.1), so one char is one octet.
    const total = 17 + value.length;
    this.reserve(total);
    const b = this.scratch;
    const o = this.length;
    b.writeUInt32BE(total, o);
    b.writeUInt32BE(commandId, o + 4);
    b.writeUInt32BE(status, o + 8);
    b.writeUInt32BE(sequence, o + 12);
    b.write(value, o + 16, 'latin1');
    b[o + total - 1] = 0;
    this.length = o + total;
    this.count++;
  }

  /** Appends an encoded PDU (or any bytes). */
  append(bytes: Buffer): void {
    this.reserve(bytes.length);
    bytes.copy(this.scratch, this.length);
    this.length += bytes.length;
    this.count++;
  }

  /**
   * Reserves `length` octets at the end for the caller to write at the returned offset of {@link buffer}
   * (before anything else is appended): a PDU encoded in place, without a Buffer of its own.
   */
  claim(length: number): number {
    this.reserve(length);
    const at = this.length;
    this.length = at + length;
    this.count++;
    return at;
  }

  /** The scratch buffer {@link claim} offsets point into (it is replaced when it grows). */
  get buffer(): Buffer {
    return this.scratch;
  }

  /** Returns what was collected as a fresh Buffer (safe to hand to `socket.write`) and empties the buffer. */
  take(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const out = Buffer.allocUnsafe(this.length);
    this.scratch.copy(out, 0, 0, this.length);
    this.length = 0;
    this.count = 0;
    return out;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.scratch.length) return;
    let size = this.scratch.length * 2;
    while (size < this.length + bytes) size *= 2;
    const bigger = Buffer.allocUnsafe(size);
    this.scratch.copy(bigger, 0, 0, this.length);
    this.scratch = bigger;
  }
}
