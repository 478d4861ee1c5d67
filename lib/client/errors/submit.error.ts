import { SmscRequestError } from './smsc-request.error.js';

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
 * The SMSC answered a message's submit with an error status: an {@link SmscRequestError} that names the part.
 *
 * @remarks
 * The message reads like `submit_sm rejected: ESME_RINVDSTADR (0x0000000B), part 2 of 3`. For a long message,
 * `acceptedMessageIds` lists the parts already accepted (those will be delivered; SMPP has no way to recall them
 * other than cancel_sm). query_sm, cancel_sm and replace_sm rejections are `SmscRequestError`s.
 */
export class SubmitError extends SmscRequestError {
  override name = 'SubmitError';
  readonly partIndex: number;
  readonly partCount: number;
  readonly correlationId?: string;
  readonly acceptedMessageIds: string[];

  constructor(details: SubmitErrorDetails) {
    const part = details.partCount > 1 ? `, part ${details.partIndex + 1} of ${details.partCount}` : '';
    super(
      {
        command: details.command ?? 'submit_sm',
        commandStatus: details.commandStatus,
        statusName: details.statusName,
        responseCommand: details.responseCommand,
      },
      part,
    );
    this.partIndex = details.partIndex;
    this.partCount = details.partCount;
    this.correlationId = details.correlationId;
    this.acceptedMessageIds = details.acceptedMessageIds ?? [];
  }
}
