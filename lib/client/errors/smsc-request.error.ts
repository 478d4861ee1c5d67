import { NazError } from '../../errors/naz-error.js';
import { statusName as nameOfStatus } from '../../protocol/command-status.js';

/** Details of a request the SMSC answered with an error status. */
export interface SmscRequestErrorDetails {
  /** The request rejected, e.g. `query_sm`, `cancel_sm`, `replace_sm`, `submit_sm`. */
  command: string;
  /** The command_status of the failing response. */
  commandStatus: number;
  /** Its name, e.g. `ESME_RCANCELFAIL` (or `UNKNOWN` for codes outside the table). @default from the table */
  statusName?: string;
  /** The PDU name answered, when it was not the expected response (e.g. `generic_nack`). */
  responseCommand?: string;
}

/**
 * The SMSC answered a request (query_sm, cancel_sm, replace_sm, or a submit: see its subclass `SubmitError`)
 * with an error status.
 *
 * @remarks
 * The message reads like `cancel_sm rejected: ESME_RCANCELFAIL (0x00000011)`. Catch this class for any SMSC
 * rejection, `SubmitError` for a message's.
 *
 * @example
 * ```ts
 * try {
 *   await client.cancel(messageId);
 * } catch (error) {
 *   if (error instanceof SmscRequestError && error.statusName === 'ESME_RCANCELFAIL') return 'too late';
 *   throw error;
 * }
 * ```
 */
export class SmscRequestError extends NazError {
  override name = 'SmscRequestError';
  /** The request rejected (`submit_sm`, `query_sm`, `cancel_sm`, `replace_sm`). */
  readonly command: string;
  readonly commandStatus: number;
  readonly statusName: string;

  /** @param suffix - what the subclass adds to the message (a message's part). */
  constructor(details: SmscRequestErrorDetails, suffix = '') {
    const status = details.statusName ?? nameOfStatus(details.commandStatus);
    const hex = `0x${details.commandStatus.toString(16).toUpperCase().padStart(8, '0')}`;
    const via = details.responseCommand ? ` (answered with ${details.responseCommand})` : '';
    super(`${details.command} rejected: ${status} (${hex})${suffix}${via}`);
    this.command = details.command;
    this.commandStatus = details.commandStatus;
    this.statusName = status;
  }
}
