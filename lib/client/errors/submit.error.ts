import { NazError } from '../../errors/naz-error.js';

/** Details of a submit the SMSC rejected. */
export interface SubmitErrorDetails {
  /** The command_status of the failing response. */
  commandStatus: number;
  /** Its name, e.g. `ESME_RINVDSTADR` (or `UNKNOWN` for codes outside the table). */
  statusName: string;
  /** 0-based index of the part that failed (0 for single-part messages). */
  partIndex: number;
  /** Number of parts the message was split into. */
  partCount: number;
  /** The caller's correlation id. */
  correlationId?: string;
  /** Message ids of the parts the SMSC had already accepted, in part order. */
  acceptedMessageIds?: string[];
  /** The PDU name answered, when it was not the expected response (e.g. `generic_nack`). */
  responseCommand?: string;
  /** The request rejected. @default 'submit_sm' */
  command?: string;
}

/**
 * The SMSC answered a submit (or a query_sm, cancel_sm, replace_sm) with an error status.
 *
 * @remarks
 * The message reads like `submit_sm rejected: ESME_RINVDSTADR (0x0000000B), part 2 of 3`. For a long message,
 * `acceptedMessageIds` lists the parts already accepted (those will be delivered; SMPP has no way to recall them
 * other than cancel_sm).
 */
export class SubmitError extends NazError {
  override readonly name = 'SubmitError';
  readonly commandStatus: number;
  readonly statusName: string;
  readonly partIndex: number;
  readonly partCount: number;
  readonly correlationId?: string;
  readonly acceptedMessageIds: string[];
  /** The request rejected (`submit_sm`, `query_sm`, `cancel_sm`, `replace_sm`). */
  readonly command: string;

  constructor(details: SubmitErrorDetails) {
    const hex = `0x${details.commandStatus.toString(16).toUpperCase().padStart(8, '0')}`;
    const part = details.partCount > 1 ? `, part ${details.partIndex + 1} of ${details.partCount}` : '';
    const via = details.responseCommand ? ` (answered with ${details.responseCommand})` : '';
    super(`${details.command ?? 'submit_sm'} rejected: ${details.statusName} (${hex})${part}${via}`);
    this.commandStatus = details.commandStatus;
    this.statusName = details.statusName;
    this.partIndex = details.partIndex;
    this.partCount = details.partCount;
    this.correlationId = details.correlationId;
    this.acceptedMessageIds = details.acceptedMessageIds ?? [];
    this.command = details.command ?? 'submit_sm';
  }
}
