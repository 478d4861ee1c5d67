import type { SmppClient } from '../client/smpp-client.js';
import type {
  DeliveryReceiptEvent,
  InboundMessageEvent,
  SmppClientEvents,
} from '../client/client-events.interface.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { NazHandlerOptions } from './interfaces/naz-handler-options.interface.js';
import type { SubmitResultEvent } from './interfaces/submit-result-event.interface.js';
import type { DiscoveredHandler } from './naz.explorer.js';
import { matchesAddress, matchesClient } from './utils/matches-address.util.js';
import { DetachedHandlerRunner } from './utils/detached-handler-runner.util.js';
import { NazError } from '../errors/naz-error.js';

/** @internal Raised to the engine when inbound handlers failed, so it answers `inboundErrorStatus`. */
export class InboundHandlerError extends NazError {
  override readonly name = 'InboundHandlerError';
  constructor(
    readonly handlers: string[],
    readonly errors: unknown[],
  ) {
    super(`${handlers.length} handler(s) failed: ${handlers.join(', ')}`);
  }
}

/**
 * @internal Connects the discovered handlers of the app to one client: filters each event by client name and
 * addresses, runs every matching handler, and keeps user errors away from the session.
 */
export class NazHandlerDispatcher {
  private readonly unsubscribers: Array<() => void> = [];
  private readonly detached = new DetachedHandlerRunner((handler, error) =>
    this.logFailure(handler, error, 'handler failed'),
  );

  constructor(
    private readonly client: SmppClient,
    private readonly logger: NazLogger,
  ) {}

  /** Registers every handler whose `client` filter accepts this client; returns how many were registered. */
  register(all: readonly DiscoveredHandler[]): number {
    const name = this.client.name;
    const mine = all.filter((h) => matchesClient(h.options.client, name));
    const byKind = (kind: DiscoveredHandler['kind']) => mine.filter((h) => h.kind === kind);

    const onMessage = byKind('deliverSm');
    if (onMessage.length > 0) {
      this.unsubscribers.push(
        this.client.addInboundHandler('message', (event: InboundMessageEvent) =>
          this.runAwaited(
            onMessage.filter((h) => this.addressesMatch(h.options, event.to, event.from)),
            event,
            'deliver_sm',
          ),
        ),
      );
    }

    const onReceipt = byKind('deliveryReceipt');
    if (onReceipt.length > 0) {
      this.unsubscribers.push(
        this.client.addInboundHandler('deliveryReceipt', (event: DeliveryReceiptEvent) =>
          this.runAwaited(
            onReceipt.filter((h) =>
              this.addressesMatch(h.options, event.pdu.destination_addr, event.pdu.source_addr),
            ),
            event,
            'delivery receipt',
          ),
        ),
      );
    }

    const onResult = byKind('submitResult');
    if (onResult.length > 0) {
      // A router's attempt is not the message's fate (@OnRouterResult has that): only handlers that ask see it.
      const onAttempt = onResult.filter((h) => h.routerAttempts === true);
      // Field by field, not `{ ...event, status }`: V8's spread of this object cost ~0.5 µs, once per message
      // (a fifth of the Nest path's CPU in `npm run bench`'s nest-path scenario).
      this.listen('submitted', (event) => {
        const attempt = event.router !== undefined;
        if (attempt && onAttempt.length === 0) return;
        const result: SubmitResultEvent = {
          client: event.client,
          correlationId: event.correlationId,
          messageIds: event.messageIds,
          attempts: event.attempts,
          metadata: event.metadata,
          router: event.router,
          status: 'submitted',
        };
        this.runDetached(attempt ? onAttempt : onResult, result);
      });
      this.listen('failed', (event) => {
        const attempt = event.router !== undefined;
        if (attempt && onAttempt.length === 0) return;
        this.runDetached(attempt ? onAttempt : onResult, {
          ...event,
          status: 'failed',
        } satisfies SubmitResultEvent);
      });
    }

    const onState = byKind('sessionState');
    if (onState.length > 0) this.listen('state', (event) => this.runDetached(onState, event));

    const onPdu = byKind('pdu');
    if (onPdu.length > 0) {
      this.listen('pdu', (event) => {
        const pdu: { command: string; destination_addr?: unknown; source_addr?: unknown } = event.pdu;
        const to = typeof pdu.destination_addr === 'string' ? pdu.destination_addr : undefined;
        const from = typeof pdu.source_addr === 'string' ? pdu.source_addr : undefined;
        this.runDetached(
          onPdu.filter((h) => h.command === pdu.command && this.addressesMatch(h.options, to, from)),
          event,
        );
      });
    }
    return mine.length;
  }

  /** Removes every registration made by {@link register}. */
  unregister(): void {
    for (const off of this.unsubscribers.splice(0)) off();
  }

  private listen<K extends keyof SmppClientEvents>(
    event: K,
    listener: (...args: SmppClientEvents[K]) => void,
  ): void {
    this.client.on(event, listener);
    this.unsubscribers.push(() => this.client.off(event, listener));
  }

  private addressesMatch(
    options: NazHandlerOptions,
    to: string | undefined,
    from: string | undefined,
  ): boolean {
    return matchesAddress(options.to, to) && matchesAddress(options.from, from);
  }

  /**
   * Runs the handlers concurrently and waits for all of them: the SMSC gets its deliver_sm_resp only after
   * every handler settled. Failures are logged one by one, then reported together to the engine.
   */
  private async runAwaited(
    handlers: readonly DiscoveredHandler[],
    event: unknown,
    what: string,
  ): Promise<void> {
    if (handlers.length === 0) return;
    const results = await Promise.allSettled(
      handlers.map((h) => Promise.resolve().then(() => h.call(event))),
    );
    const failed: string[] = [];
    const errors: unknown[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      const handler = handlers[i]!;
      failed.push(handler.label);
      errors.push(result.reason);
      this.logFailure(
        handler,
        result.reason,
        `${what} handler failed; the SMSC will be answered with inboundErrorStatus`,
      );
    });
    if (failed.length > 0) throw new InboundHandlerError(failed, errors);
  }

  /** Runs the handlers after the engine's current step, errors logged (see {@link DetachedHandlerRunner}). */
  private runDetached(handlers: readonly DiscoveredHandler[], event: unknown): void {
    this.detached.run(handlers, event);
  }

  private logFailure(handler: DiscoveredHandler, error: unknown, what: string): void {
    this.logger.error(`${handler.decorator} ${handler.label}: ${what}`, {
      client: this.client.name,
      handler: handler.label,
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error),
    });
  }
}
