import type { AnyPduInput, Pdu } from '../protocol/pdu.types.js';

/**
 * How a request ends: `(undefined, response)` on a response (any command_status, a generic_nack included),
 * `(error)` on a timeout, a closed session or an undecodable response. Called exactly once.
 */
export type RequestCallback = (error: Error | undefined, response?: Pdu) => void;

/**
 * One request of a session: waiting for a window slot, then in flight until its response, its timeout or
 * the end of the session.
 *
 * @remarks
 * A class (not object literals) so every entry has the same shape; at 200k requests per second this is the
 * session's only per-request object (plus a promise when the caller asked for one): the PDU is encoded
 * straight into the write batch when it is sent.
 */
export class PendingRequest {
  /** Assigned when the request is written. */
  sequenceNumber = 0;
  /** Monotonic ms: the wait deadline while queued, then the response deadline once sent. */
  deadline = 0;
  /** When the request started to wait (for WindowTimeoutError's message). */
  queuedAt = 0;

  /**
   * @param command - the request command (`submit_sm`).
   * @param responseCommand - the command that answers it (`submit_sm_resp`).
   * @param pdu - the request, encoded when it is sent (then cleared); its sequence_number is assigned then.
   * @param timeoutMs - response timeout.
   * @param counted - whether it occupies a window slot (false for bind, unbind and enquire_link, which travel
   * out of band).
   * @param callback - told how the request ended; the session calls it once (see `SmppSession.settle`).
   */
  constructor(
    readonly command: string,
    readonly responseCommand: string,
    public pdu: Pdu | AnyPduInput | undefined,
    readonly timeoutMs: number,
    readonly counted: boolean,
    readonly callback: RequestCallback,
  ) {}
}
