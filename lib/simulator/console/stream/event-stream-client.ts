/** What an event-stream client writes to: an HTTP response, or any writable stream. */
export interface EventStreamSink {
  /** Bytes written but not yet handed to the kernel. */
  readonly writableLength: number;
  readonly destroyed: boolean;
  write(chunk: string): boolean;
  end(): void;
  destroy(): void;
}

/** Why an event-stream client ended. */
export type EventStreamEnd = 'closed' | 'too-slow';

/**
 * One server-sent-events client (HTML Living Standard §9.2), with the console's back-pressure rule.
 *
 * @remarks
 * The console never waits for a client and never buffers for it without bound: when the bytes a client has
 * left unread would pass `maxBufferedBytes`, it is disconnected. A browser's EventSource then reconnects by
 * itself with `Last-Event-ID`, and the console replays the feed from there, reporting any events that left the
 * ring meanwhile as a `gap`. Disconnecting (rather than dropping single events) keeps what a client shows
 * either complete or visibly incomplete, never silently so.
 */
export class EventStreamClient {
  private ended = false;

  constructor(
    private readonly sink: EventStreamSink,
    private readonly maxBufferedBytes: number,
    private readonly onEnd: (client: EventStreamClient, why: EventStreamEnd) => void,
  ) {}

  /** Whether it was disconnected or closed. */
  get isEnded(): boolean {
    return this.ended || this.sink.destroyed;
  }

  /**
   * Sends one event; `data` is written as it is (it must hold no line break: JSON.stringify output never does).
   *
   * @returns false when the client is gone (or was just disconnected for being too slow).
   */
  send(event: string, data: string, id?: number): boolean {
    const text = `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
    return this.write(text);
  }

  /** Sends an SSE comment (a keep-alive line that EventSource ignores). */
  comment(text: string): boolean {
    return this.write(`: ${text}\n\n`);
  }

  /** Writes raw stream text (the `retry:` preamble). */
  write(text: string): boolean {
    if (this.isEnded) return false;
    if (this.sink.writableLength + text.length > this.maxBufferedBytes) {
      this.end('too-slow');
      this.sink.destroy();
      return false;
    }
    this.sink.write(text);
    return true;
  }

  /** Ends the stream from the server's side (the console stops). */
  close(): void {
    this.end('closed');
    if (!this.sink.destroyed) this.sink.end();
  }

  /** Marks the client gone (its connection closed). */
  end(why: EventStreamEnd = 'closed'): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this, why);
  }
}
