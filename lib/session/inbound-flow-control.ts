import type net from 'node:net';

/**
 * Inbound back-pressure of one session: how many deliver_sm / data_sm are with the application's handler,
 * and reading paused while `maxPending` are.
 *
 * @remarks
 * With reading paused the socket's receive buffer fills and TCP flow control slows the SMSC down, so a slow
 * handler never makes the session buffer without bound. Reading resumes as soon as one handler finishes.
 */
export class InboundFlowControl {
  private pendingCount = 0;
  private paused = false;

  constructor(private readonly maxPending: number) {}

  /** Inbound PDUs whose handler has not finished yet. */
  get pending(): number {
    return this.pendingCount;
  }

  /** A PDU went to the handler; reading from `socket` pauses when this makes `maxPending`. */
  begin(socket: net.Socket | undefined): void {
    this.pendingCount++;
    if (this.pendingCount >= this.maxPending && !this.paused && socket !== undefined) {
      this.paused = true;
      socket.pause();
    }
  }

  /** A handler finished; reading from `socket` resumes when it was paused. */
  end(socket: net.Socket | undefined): void {
    this.pendingCount--;
    if (this.paused && this.pendingCount < this.maxPending) {
      this.paused = false;
      socket?.resume();
    }
  }

  /** A new connection (or none): nothing pending, reading not paused. */
  reset(): void {
    this.pendingCount = 0;
    this.paused = false;
  }
}
