import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleFeedEvent } from '../feed/console-feed-event.interface.js';
import type { TrafficFeed } from '../feed/traffic-feed.js';
import { EventStreamClient, type EventStreamEnd } from './event-stream-client.js';

/** Feed events are sent in batches this often: a burst costs each client one write, not one per PDU. */
const BATCH_MS = 100;
/** The state (sessions, counters, faults) is pushed this often while anyone watches; it doubles as keep-alive. */
const STATE_MS = 1000;
/** A change (bind, close, fault switch) is pushed this soon, coalescing a flurry into one push. */
const CHANGE_MS = 50;
/** What EventSource waits before reconnecting (the `retry:` field). */
const RETRY_MS = 1000;

/**
 * Serves `GET /api/events`: the server-sent-event stream the page lives on.
 *
 * @remarks
 * Events: `state` (a {@link ConsoleState} as JSON), `feed` (a JSON array of feed events, its SSE id the last
 * event's id), `gap` (`{ "missed": n }`, when events a reconnecting client had not seen left the ring). A new
 * client gets the state and the whole ring; one reconnecting with `Last-Event-ID` gets what came after it.
 * Back-pressure: see {@link EventStreamClient}.
 */
export class ConsoleEventHub {
  /** Each client and the id of the last feed event it was sent. */
  private readonly clients = new Map<EventStreamClient, number>();
  private readonly unsubscribe: () => void;
  private batchTimer: NodeJS.Timeout | undefined;
  private stateTimer: NodeJS.Timeout | undefined;
  private changeTimer: NodeJS.Timeout | undefined;
  private tooSlow = 0;

  constructor(
    private readonly feed: TrafficFeed,
    private readonly state: () => unknown,
    private readonly maxClientBufferBytes: number,
  ) {
    this.unsubscribe = feed.subscribe((event) => this.onFeedEvent(event));
  }

  /** Clients connected now. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Clients disconnected for leaving too much unread. */
  get disconnectedTooSlow(): number {
    return this.tooSlow;
  }

  /** Takes over a `GET /api/events` request. */
  attach(req: IncomingMessage, res: ServerResponse, after: number | undefined): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold the stream back.
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    const client = new EventStreamClient(res, this.maxClientBufferBytes, (c, why) => this.onEnd(c, why));
    this.clients.set(client, 0);
    req.on('close', () => client.end('closed'));
    client.write(`retry: ${RETRY_MS}\n\n`);
    client.send('state', JSON.stringify(this.state()));
    const slice = this.feed.since(after ?? 0);
    if (after !== undefined && slice.missed > 0) client.send('gap', JSON.stringify({ missed: slice.missed }));
    if (slice.events.length > 0) {
      const last = slice.events[slice.events.length - 1].id;
      client.send('feed', JSON.stringify(slice.events), last);
    }
    if (client.isEnded) return;
    this.clients.set(client, Math.max(after ?? 0, this.feed.lastId));
    this.stateTimer ??= setInterval(() => this.pushState(), STATE_MS).unref();
  }

  /** Pushes the state soon (after a bind, a close, a fault change). */
  stateChanged(): void {
    if (this.clients.size === 0 || this.changeTimer !== undefined) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.pushState();
    }, CHANGE_MS).unref();
  }

  /** Ends every stream and stops the timers. */
  close(): void {
    this.unsubscribe();
    for (const timer of [this.batchTimer, this.stateTimer, this.changeTimer]) {
      if (timer !== undefined) clearTimeout(timer);
    }
    this.batchTimer = this.stateTimer = this.changeTimer = undefined;
    for (const client of [...this.clients.keys()]) client.close();
  }

  private onFeedEvent(_event: ConsoleFeedEvent): void {
    if (this.clients.size === 0 || this.batchTimer !== undefined) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      this.flushFeed();
    }, BATCH_MS).unref();
  }

  private flushFeed(): void {
    for (const [client, lastSent] of this.clients) {
      const slice = this.feed.since(lastSent);
      if (slice.missed > 0) client.send('gap', JSON.stringify({ missed: slice.missed }));
      if (slice.events.length === 0) continue;
      const last = slice.events[slice.events.length - 1].id;
      if (client.send('feed', JSON.stringify(slice.events), last)) this.clients.set(client, last);
    }
  }

  private pushState(): void {
    if (this.clients.size === 0) return;
    const text = JSON.stringify(this.state());
    for (const client of this.clients.keys()) client.send('state', text);
  }

  private onEnd(client: EventStreamClient, why: EventStreamEnd): void {
    this.clients.delete(client);
    if (why === 'too-slow') this.tooSlow++;
    if (this.clients.size === 0 && this.stateTimer !== undefined) {
      clearInterval(this.stateTimer);
      this.stateTimer = undefined;
    }
  }
}
