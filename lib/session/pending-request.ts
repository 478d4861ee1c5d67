import type { Pdu } from '../protocol/pdu.types.js';

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
 * A class (not object literals) so every entry has the same shape; at 200k requests per second this and the
 * encoded frame are the only per-request objects (plus a promise when the caller asked for one).
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
   * @param frame - the encoded PDU; its sequence_number octets are stamped at send time.
   * @param timeoutMs - response timeout.
   * @param counted - whether it occupies a window slot (false for bind, unbind and enquire_link, which travel
   * out of band).
   * @param callback - told how the request ended; the session calls it once (see `SmppSession.settle`).
   */
  constructor(
    readonly command: string,
    readonly responseCommand: string,
    public frame: Buffer | undefined,
    readonly timeoutMs: number,
    readonly counted: boolean,
    readonly callback: RequestCallback,
  ) {}
}
