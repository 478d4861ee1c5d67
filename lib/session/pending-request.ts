import type { AnyPduInput, Pdu } from '../protocol/pdu.types.js';

/**
 * How a request ends: `(undefined, response)` on a response (any command_status, a generic_nack included),
 * `(error)` on a timeout, a closed session or an undecodable response. Called exactly once.
 */
export type RequestCallback = (error: Error | undefined, response?: Pdu) => void;

/**
 * {@link RequestCallback} as a method: a caller that keeps a record per request passes the record itself, so
 * the request costs it no closure (the client's send path makes one per message).
 */
export interface RequestReceiver {
  requestDone(error: Error | undefined, response?: Pdu): void;
}

/** Calls a request's callback or receiver. */
export function tellRequester(
  callback: RequestCallback | RequestReceiver,
  error: Error | undefined,
  response?: Pdu,
): void {
  if (typeof callback === 'function') callback(error, response);
  else callback.requestDone(error, response);
}

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
   * A request that occupies a window slot (submit_sm, query_sm...): it waits for a free slot and counts toward
   * the window size.
   *
   * @param command - the request command (`submit_sm`).
   * @param responseCommand - the command that answers it (`submit_sm_resp`).
   * @param pdu - the request, encoded when it is sent (then cleared); its sequence_number is assigned then.
   * @param timeoutMs - response timeout.
   * @param callback - told how the request ended; the session calls it once (see `SmppSession.settle`).
   */
  static windowed(
    command: string,
    responseCommand: string,
    pdu: Pdu | AnyPduInput,
    timeoutMs: number,
    callback: RequestCallback | RequestReceiver,
  ): PendingRequest {
    return new PendingRequest(command, responseCommand, pdu, timeoutMs, true, callback);
  }

  /**
   * A request that travels out of band (bind, unbind, enquire_link): written at once, outside the window and
   * regardless of back-pressure, and never counted toward the window size. Parameters as {@link windowed}.
   */
  static outOfBand(
    command: string,
    responseCommand: string,
    pdu: Pdu | AnyPduInput,
    timeoutMs: number,
    callback: RequestCallback,
  ): PendingRequest {
    return new PendingRequest(command, responseCommand, pdu, timeoutMs, false, callback);
  }

  private constructor(
    readonly command: string,
    readonly responseCommand: string,
    public pdu: Pdu | AnyPduInput | undefined,
    readonly timeoutMs: number,
    /** Whether it occupies a window slot (see {@link windowed} and {@link outOfBand}). */
    readonly counted: boolean,
    readonly callback: RequestCallback | RequestReceiver,
  ) {}
}
