import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { SmppClientEvents } from '../client/client-events.interface.js';
import type { ClientStats } from '../client/client-stats.interface.js';
import type { OutboundMessage } from '../message/outbound-message.interface.js';
import type { SubmitResult } from '../client/submit-result.interface.js';
import type { StopResult } from '../client/stop-result.interface.js';
import type { QuerySmResp } from '../protocol/pdu.types.js';
import type { SmppClient } from '../client/smpp-client.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { ClientState } from '../client/client-state.js';
import type {
  FindMessagesQuery,
  MessageHistory,
  MessageSummary,
} from '../ledger/message-ledger.interface.js';
import type { NazEvent } from './interfaces/naz-event.interface.js';
import { NazMetrics } from './metrics/naz-metrics.js';
import { NazHandlerDispatcher } from './naz-handler.dispatcher.js';
import { NAZ_LOGGER, NAZ_METRICS, NAZ_SMPP_CLIENT } from './naz.constants.js';
import { NazExplorer } from './naz.explorer.js';
import { LazyEventStream } from './utils/lazy-event-stream.util.js';

/** Every event name of the engine, forwarded to `events$`. */
const FORWARDED_EVENTS: ReadonlyArray<keyof SmppClientEvents> = [
  'queued',
  'submitted',
  'failed',
  'retry',
  'deliveryReceipt',
  'message',
  'state',
  'standby',
  'pdu',
  'warning',
  'stopped',
];

/**
 * One SMPP client, the Nest way: inject it (by class for the default client, with `@InjectSmppClient(name)`
 * for a named one) to send messages and read its state.
 *
 * @remarks
 * Wraps the engine's `SmppClient` and ties it to the Nest lifecycle: handlers registered in `onModuleInit`,
 * connect and bind in `onApplicationBootstrap`, graceful stop in `onModuleDestroy`.
 *
 * @example
 * ```ts
 * @Controller('messages')
 * export class MessagesController {
 *   constructor(private readonly smpp: SmppClientService) {}
 *   @Post() send(@Body() body: { to: string; text: string }) {
 *     return this.smpp.send({ to: body.to, text: body.text });
 *   }
 * }
 * ```
 */
@Injectable()
export class SmppClientService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly stream: LazyEventStream<NazEvent>;
  private readonly dispatcher: NazHandlerDispatcher;
  private lastStopResult: StopResult | undefined;

  /**
   * Every event of the client as an RxJS stream (`{ type, payload }`): submitted, failed, retry,
   * deliveryReceipt, message, state, pdu, warning. Hot: you see events from the moment you subscribe.
   * Completes when the module is destroyed. The client builds these events only while someone subscribes.
   */
  readonly events$: Observable<NazEvent>;

  /** @internal Nest builds it; inject it, never `new` it. */
  constructor(
    @Inject(NAZ_SMPP_CLIENT) private readonly smppClient: SmppClient,
    private readonly explorer: NazExplorer,
    @Inject(NAZ_LOGGER) private readonly logger: NazLogger,
    @Inject(NAZ_METRICS) private readonly metrics: NazMetrics | null,
  ) {
    this.dispatcher = new NazHandlerDispatcher(smppClient, logger);
    this.stream = new LazyEventStream<NazEvent>((next) =>
      FORWARDED_EVENTS.map((type) => {
        const forward = (payload: unknown): void => next({ type, payload } as NazEvent);
        smppClient.on(type, forward);
        return () => smppClient.off(type, forward);
      }),
    );
    this.events$ = this.stream.events$;
  }

  /** The client's name (`'default'` unless named). */
  get name(): string {
    return this.smppClient.name;
  }

  /** `'bound'` when at least one session is bound; otherwise the state of the most advanced one. */
  get state(): ClientState {
    return this.smppClient.state;
  }

  /** The engine itself, for what this service does not wrap. */
  get client(): SmppClient {
    return this.smppClient;
  }

  /** Whether at least one session is bound. */
  isBound(): boolean {
    return this.smppClient.isBound();
  }

  /** Resolves once a session is bound; rejects after `timeoutMs`. */
  waitUntilBound(timeoutMs?: number): Promise<void> {
    return this.smppClient.waitUntilBound(timeoutMs);
  }

  /**
   * Validates the message and puts it in the outbound queue; resolves once it is safely queued, with its
   * correlation id (yours, or a generated UUID). The outcome arrives later through `@OnSubmitResult()` and, if
   * asked for, the receipt through `@OnDeliveryReceipt()`.
   *
   * @throws InvalidMessageError naming the field and the rule; QueueFullError when the queue is at capacity.
   */
  send(message: OutboundMessage): Promise<{ correlationId: string }> {
    return this.smppClient.send(message);
  }

  /**
   * Submits the message now, skipping the queue (still rate limited and windowed), and resolves with the SMSC's
   * message id for each part.
   *
   * @throws InvalidMessageError; SubmitError with the status name when the SMSC rejects it; ResponseTimeoutError.
   */
  submit(message: OutboundMessage, options?: { timeoutMs?: number }): Promise<SubmitResult> {
    return this.smppClient.submit(message, options);
  }

  /** query_sm (SMPP 3.4 §4.8): the message's state at the SMSC. */
  query(messageId: string, options?: Parameters<SmppClient['query']>[1]): Promise<QuerySmResp> {
    return this.smppClient.query(messageId, options);
  }

  /** cancel_sm (§4.9): cancels a message not yet delivered. */
  cancel(messageId: string, options?: Parameters<SmppClient['cancel']>[1]): Promise<void> {
    return this.smppClient.cancel(messageId, options);
  }

  /** replace_sm (§4.10): replaces a message not yet delivered. */
  replace(messageId: string, replacement: Parameters<SmppClient['replace']>[1]): Promise<void> {
    return this.smppClient.replace(messageId, replacement);
  }

  /**
   * Stops the client now (what `onModuleDestroy` does at shutdown; calling both is safe) and resolves with what
   * it left unsent, so you can persist it: with the in-memory queue, the messages still waiting (also written to
   * `spillFile` when set, and named in a warning). Use it from your own shutdown hook
   * (`beforeApplicationShutdown`) to keep them somewhere of your choosing.
   */
  async stop(): Promise<StopResult> {
    this.lastStopResult = await this.smppClient.stop();
    return this.lastStopResult;
  }

  /** What the last `stop()` (yours, or the module's at shutdown) left unsent; undefined before any stop. */
  get stopResult(): StopResult | undefined {
    return this.lastStopResult;
  }

  /**
   * A message's whole history from the ledger (`NAZ_MESSAGE_LEDGER`): queued, every submit attempt, the SMSC's
   * message id per part, every part's receipt, and its final state with the reason. Undefined when the ledger
   * has no such message (never sent through this app, or purged by its retention).
   *
   * @throws Error when the ledger is turned off (`NAZ_MESSAGE_LEDGER` bound to null).
   * @example
   * const history = await smpp.getMessage('order-42');
   * if (history?.status === 'undeliverable') console.log(history.reason);
   */
  getMessage(correlationId: string): Promise<MessageHistory | undefined> {
    const ledger = this.smppClient.ledger;
    if (!ledger) return Promise.reject(noLedger());
    return ledger.getMessage(correlationId);
  }

  /**
   * Messages from the ledger matching the query, newest first (without their event lists: `getMessage` has
   * those).
   * @example
   * await smpp.findMessages({ to: '447700900123', status: ['undeliverable', 'failed'], since: yesterday, limit: 50 });
   */
  findMessages(query: FindMessagesQuery = {}): Promise<MessageSummary[]> {
    const ledger = this.smppClient.ledger;
    if (!ledger) return Promise.reject(noLedger());
    return ledger.findMessages(query);
  }

  /** Counters and gauges: submitted, accepted, failed (by status), in flight, queue depth, reconnects... */
  stats(): ClientStats {
    return this.smppClient.stats();
  }

  /** @internal Discovers the app's handlers and wires them, the metrics and `events$` to the client. */
  onModuleInit(): void {
    const handlers = this.explorer.explore();
    const registered = this.dispatcher.register(handlers);
    this.metrics?.attach(this.smppClient);
    this.logger.debug('handlers registered', { client: this.name, handlers: registered });
  }

  /**
   * @internal Starts the client: it connects and binds in the background, retrying with backoff, so the app
   * starts even when the SMSC is down.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.smppClient.start();
  }

  /**
   * @internal Graceful stop: no new work, in-flight responses awaited up to the drain timeout, the rest put back
   * in the queue, unbind, close. Messages left unsent are logged (count and first correlation ids), written to
   * `spillFile` when set, emitted as a `stopped` event on `events$`, and kept in `stopResult`.
   */
  async onModuleDestroy(): Promise<void> {
    try {
      // Also when the app never bootstrapped (closed after compile, or another provider's bootstrap failed):
      // the default policies this module built are closed by the client's stop, and messages queued before
      // the start are reported unsent instead of vanishing. Bounded by the client's drainTimeoutMs.
      this.lastStopResult = await this.smppClient.stop();
    } finally {
      this.dispatcher.unregister();
      this.metrics?.detach();
      this.stream.close();
    }
  }
}

function noLedger(): Error {
  return new Error(
    'the message ledger is off (NAZ_MESSAGE_LEDGER is bound to null): remove that binding for the default ' +
      'in-memory ledger, or bind one, e.g. NazModule.forRoot({ ..., extraProviders: ' +
      '[InMemoryMessageLedger.provider()] }) or PostgresMessageLedger.provider({ connection })',
  );
}
