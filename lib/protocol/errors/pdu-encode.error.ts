import { NazError } from '../../errors/naz-error.js';

/**
 * Thrown by `encodePdu` when a PDU breaks a limit of the SMPP specification.
 *
 * @remarks
 * Nothing is sent: the message names the field, the value, the rule and the spec section, and says how
 * to fix it, e.g. `destination_addr "..." is 24 octets; SMPP 3.4 allows at most 20 (§5.2.9)`.
 */
export type PduEncodeRule =
  | 'unknown-command'
  | 'field-type'
  | 'max-length'
  | 'ascii-only'
  | 'time-format'
  | 'integer-range'
  | 'short-message-length'
  | 'short-message-and-payload'
  | 'destination-count'
  | 'unsuccess-count'
  | 'dest-flag'
  | 'sequence-number'
  | 'unknown-tlv'
  | 'tlv-length'
  | 'command-length';

/** A PDU that cannot be encoded without breaking the SMPP specification. */
export class PduEncodeError extends NazError {
  override name = 'PduEncodeError';
  /** The field (mandatory parameter, TLV name as `tlvs.name`, or header field) at fault. */
  readonly field: string;
  /** Which rule it breaks. */
  readonly rule: PduEncodeRule;
  /** The command being encoded, when known. */
  readonly command?: string;

  constructor(message: string, details: { field: string; rule: PduEncodeRule; command?: string }) {
    super(message);
    this.field = details.field;
    this.rule = details.rule;
    if (details.command !== undefined) this.command = details.command;
  }
}
