import { NazError } from '../../errors/naz-error.js';

/**
 * Thrown by `decodePdu` (and, as {@link FramingError}, by `PduFramer`) when bytes are not a valid SMPP PDU.
 *
 * @remarks
 * It carries what a session needs to answer the peer: `status` is the command_status to send back
 * (in a generic_nack or the matching *_resp), `sequenceNumber` the sequence to echo when the header was
 * readable (SMPP 3.4 §3.2, §4.3).
 */
export type PduDecodeRule =
  | 'command-length'
  | 'unknown-command-id'
  | 'truncated-body'
  | 'missing-nul'
  | 'sm-length'
  | 'dest-flag'
  | 'tlv-header'
  | 'tlv-length'
  | 'tlv-value';

/** Details of a {@link PduDecodeError}. */
export interface PduDecodeErrorDetails {
  /** Which rule the bytes broke. */
  rule: PduDecodeRule;
  /** Byte offset in the frame where the problem was found. */
  offset: number;
  /** The command_status a peer should be answered with, e.g. `CommandStatus.ESME_RINVCMDID`. */
  status: number;
  /** The frame's command_id, when its header was readable. */
  commandId?: number;
  /** The frame's sequence_number, when its header was readable. */
  sequenceNumber?: number;
  /** The mandatory field or TLV being read, when the problem is inside the body. */
  field?: string;
}

/** A frame that is not a valid SMPP PDU. See {@link PduDecodeErrorDetails}. */
export class PduDecodeError extends NazError {
  override name = 'PduDecodeError';
  /** Which rule the bytes broke. */
  readonly rule: PduDecodeRule;
  /** Byte offset in the frame where the problem was found. */
  readonly offset: number;
  /** The command_status to answer the peer with. */
  readonly status: number;
  /** The frame's command_id, when readable. */
  readonly commandId?: number;
  /** The frame's sequence_number, when readable. */
  readonly sequenceNumber?: number;
  /** The field or TLV being read, if any. */
  readonly field?: string;

  constructor(message: string, details: PduDecodeErrorDetails) {
    super(message);
    this.rule = details.rule;
    this.offset = details.offset;
    this.status = details.status;
    if (details.commandId !== undefined) this.commandId = details.commandId;
    if (details.sequenceNumber !== undefined) this.sequenceNumber = details.sequenceNumber;
    if (details.field !== undefined) this.field = details.field;
  }
}
