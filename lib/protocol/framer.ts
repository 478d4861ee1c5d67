/**
 * PduFramer: splits a TCP byte stream into PDU frames using command_length (SMPP 3.4 §3.2.2).
 */
import { CommandStatus } from './command-status.js';
import { FramingError } from './errors/framing.error.js';
import { DEFAULT_MAX_COMMAND_LENGTH, PDU_HEADER_LENGTH } from './pdu.constants.js';

export { DEFAULT_MAX_COMMAND_LENGTH } from './pdu.constants.js';

/** Options of {@link PduFramer}. */
export interface PduFramerOptions {
  /**
   * Largest command_length accepted; a larger one fails the stream (FramingError) without allocating it.
   * @default 70000 (a 64K message_payload plus the rest of the PDU)
   */
  maxCommandLength?: number;
}

/**
 * Turns chunks of a byte stream, cut anywhere, into complete PDU frames for `decodePdu`.
 *
 * @remarks
 * A frame that lies inside one chunk is returned as a zero-copy `subarray` of it; a frame spread over
 * chunks is assembled into one Buffer of exactly command_length octets, allocated only after the length
 * has been checked against `maxCommandLength`. A command_length below 16 or above the maximum means the
 * stream can no longer be framed: `push` throws {@link FramingError} (status ESME_RINVCMDLEN), and every
 * later `push` throws it again; the session should send generic_nack if it can and close the connection.
 *
 * @example
 * const framer = new PduFramer();
 * socket.on('data', (chunk) => { for (const frame of framer.push(chunk)) handle(decodePdu(frame)); });
 */
export class PduFramer {
  private readonly maxCommandLength: number;
  /** Up to 4 octets of a command_length split across chunks. */
  private readonly lengthBytes = Buffer.alloc(4);
  private lengthBytesFilled = 0;
  /** The frame being assembled across chunks, and how much of it is filled. */
  private partial: Buffer | undefined;
  private partialFilled = 0;
  private failure: FramingError | undefined;

  constructor(options: PduFramerOptions = {}) {
    const max = options.maxCommandLength ?? DEFAULT_MAX_COMMAND_LENGTH;
    if (!Number.isInteger(max) || max < PDU_HEADER_LENGTH) {
      throw new RangeError(
        `maxCommandLength ${max} must be an integer of at least 16 (the PDU header, §3.2).`,
      );
    }
    this.maxCommandLength = max;
  }

  /** Octets received but not yet returned as part of a complete frame. */
  get bufferedBytes(): number {
    return this.partial !== undefined ? this.partialFilled : this.lengthBytesFilled;
  }

  /**
   * Feeds the next chunk of the stream.
   *
   * @returns the frames completed by this chunk, in stream order (often none, often several).
   * @throws {@link FramingError} when a command_length is out of range; the framer then stays failed.
   */
  push(chunk: Buffer): Buffer[] {
    if (this.failure !== undefined) throw this.failure;
    const frames: Buffer[] = [];
    const end = chunk.length;
    let offset = 0;

    if (this.partial !== undefined || this.lengthBytesFilled > 0) {
      offset = this.continueFrame(chunk, frames);
      if (this.partial !== undefined || this.lengthBytesFilled > 0) return frames;
    }

    while (end - offset >= 4) {
      const commandLength = chunk.readUInt32BE(offset);
      this.checkLength(commandLength, chunk, offset);
      if (end - offset >= commandLength) {
        frames.push(chunk.subarray(offset, offset + commandLength));
        offset += commandLength;
      } else {
        const frame = Buffer.allocUnsafe(commandLength);
        chunk.copy(frame, 0, offset, end);
        this.partial = frame;
        this.partialFilled = end - offset;
        return frames;
      }
    }
    if (offset < end) {
      chunk.copy(this.lengthBytes, 0, offset, end);
      this.lengthBytesFilled = end - offset;
    }
    return frames;
  }

  /** Continues a frame started in an earlier chunk; returns the offset in `chunk` after what it consumed. */
  private continueFrame(chunk: Buffer, frames: Buffer[]): number {
    let offset = 0;
    if (this.partial === undefined) {
      const take = Math.min(4 - this.lengthBytesFilled, chunk.length);
      chunk.copy(this.lengthBytes, this.lengthBytesFilled, 0, take);
      this.lengthBytesFilled += take;
      offset = take;
      if (this.lengthBytesFilled < 4) return offset;
      const commandLength = this.lengthBytes.readUInt32BE(0);
      this.checkLength(commandLength, chunk, offset - 4);
      this.partial = Buffer.allocUnsafe(commandLength);
      this.lengthBytes.copy(this.partial, 0);
      this.partialFilled = 4;
      this.lengthBytesFilled = 0;
    }
    const frame = this.partial;
    const take = Math.min(frame.length - this.partialFilled, chunk.length - offset);
    chunk.copy(frame, this.partialFilled, offset, offset + take);
    this.partialFilled += take;
    offset += take;
    if (this.partialFilled === frame.length) {
      frames.push(frame);
      this.partial = undefined;
      this.partialFilled = 0;
    }
    return offset;
  }

  /**
   * Fails the stream on a command_length below the header size or above the maximum. `at` is where the
   * length field starts in `chunk` (negative when part of it came from an earlier chunk); command_id and
   * sequence_number are reported when this chunk holds them.
   */
  private checkLength(commandLength: number, chunk: Buffer, at: number): void {
    if (commandLength >= PDU_HEADER_LENGTH && commandLength <= this.maxCommandLength) return;
    const idAt = at + 4;
    const seqAt = at + 12;
    const commandId = idAt >= 0 && idAt + 4 <= chunk.length ? chunk.readUInt32BE(idAt) : undefined;
    const sequenceNumber = seqAt >= 0 && seqAt + 4 <= chunk.length ? chunk.readUInt32BE(seqAt) : undefined;
    const why =
      commandLength < PDU_HEADER_LENGTH
        ? 'below 16, the size of the PDU header'
        : `above the maximum of ${this.maxCommandLength} (maxCommandLength)`;
    this.failure = new FramingError(
      `command_length ${commandLength} is ${why} (SMPP 3.4 §3.2.2); the stream cannot be framed any more: ` +
        `answer generic_nack ESME_RINVCMDLEN and close the connection.`,
      {
        rule: 'command-length',
        offset: 0,
        status: CommandStatus.ESME_RINVCMDLEN,
        commandLength,
        field: 'command_length',
        ...(commandId !== undefined ? { commandId } : {}),
        ...(sequenceNumber !== undefined ? { sequenceNumber } : {}),
      },
    );
    this.partial = undefined;
    this.lengthBytesFilled = 0;
    throw this.failure;
  }
}
