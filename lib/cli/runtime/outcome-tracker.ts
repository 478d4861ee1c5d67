import type { FailedEvent, SubmittedEvent } from '../../client/client-events.interface.js';
import type { SmppClient } from '../../client/smpp-client.js';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { NumberedMessage } from '../input/numbered-message.interface.js';

/** How one message ended. */
export type MessageOutcome =
  | { status: 'accepted'; messageIds: string[]; attempts: number }
  | { status: 'failed'; reason: string; commandStatus?: number; attempts: number };

/** How {@link OutcomeTracker} shares the terminal with a progress bar. */
export interface OutcomeDisplayOptions {
  /** Level of `submitted` events: `debug` keeps a terminal showing a progress bar readable. @default 'info' */
  acceptedLevel?: 'info' | 'debug';
}

/**
 * Follows the client's `submitted` / `failed` events: logs each one (with the input line when known),
 * counts them, and tells when every expected message has an outcome.
 *
 * @remarks
 * With no expected set (`run`), every outcome is logged and counted and `whenDone` never resolves.
 */
export class OutcomeTracker {
  /** Outcomes by correlationId (only when an expected set was given). */
  readonly outcomes = new Map<string, MessageOutcome>();
  accepted = 0;
  failed = 0;
  private readonly expected: Map<string, NumberedMessage> | undefined;
  private resolveDone: (() => void) | undefined;
  private readonly done: Promise<void>;
  private readonly listeners: Array<() => void> = [];
  private readonly detach: () => void;

  constructor(
    client: SmppClient,
    private readonly logger: NazLogger,
    expected?: readonly NumberedMessage[],
    private readonly display: OutcomeDisplayOptions = {},
  ) {
    this.expected = expected && new Map(expected.map((m) => [m.message.correlationId, m]));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    if (this.expected?.size === 0) this.resolveDone?.();
    const onSubmitted = (event: SubmittedEvent): void => this.onSubmitted(event);
    const onFailed = (event: FailedEvent): void => this.onFailed(event);
    client.on('submitted', onSubmitted);
    client.on('failed', onFailed);
    this.detach = () => {
      client.off('submitted', onSubmitted);
      client.off('failed', onFailed);
    };
  }

  /** Resolves once every expected message is accepted or failed. */
  whenDone(): Promise<void> {
    return this.done;
  }

  /** Calls `listener` after each outcome. */
  onOutcome(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Expected messages without an outcome yet. */
  unfinished(): NumberedMessage[] {
    return [...(this.expected?.values() ?? [])].filter((m) => !this.outcomes.has(m.message.correlationId));
  }

  /** Stops listening to the client. */
  dispose(): void {
    this.detach();
  }

  private onSubmitted(event: SubmittedEvent): void {
    if (!this.admit(event.correlationId)) return;
    // `run` has no expected set and runs for days: it counts, it does not remember.
    if (this.expected) {
      this.outcomes.set(event.correlationId, {
        status: 'accepted',
        messageIds: event.messageIds,
        attempts: event.attempts,
      });
    }
    this.accepted++;
    const level = this.display.acceptedLevel ?? 'info';
    this.logger[level]('submitted', {
      correlationId: event.correlationId,
      ...this.describe(event.correlationId),
      messageIds: event.messageIds,
      attempts: event.attempts,
      metadata: event.metadata,
    });
    this.settle();
  }

  private onFailed(event: FailedEvent): void {
    if (!this.admit(event.correlationId)) return;
    if (this.expected) {
      this.outcomes.set(event.correlationId, {
        status: 'failed',
        reason: event.reason,
        commandStatus: event.commandStatus,
        attempts: event.attempts,
      });
    }
    this.failed++;
    this.logger.warn('failed', {
      correlationId: event.correlationId,
      ...this.describe(event.correlationId),
      reason: event.reason,
      commandStatus: event.commandStatus,
      error: event.error.message,
      attempts: event.attempts,
      metadata: event.metadata,
    });
    this.settle();
  }

  /** Counts an outcome once per message (a redelivered message may report twice in `run`). */
  private admit(correlationId: string): boolean {
    if (this.expected && !this.expected.has(correlationId)) return false;
    return !(this.expected && this.outcomes.has(correlationId));
  }

  private describe(correlationId: string): { to?: string; line?: number } {
    const numbered = this.expected?.get(correlationId);
    if (!numbered) return {};
    return numbered.line > 0 ? { to: numbered.message.to, line: numbered.line } : { to: numbered.message.to };
  }

  private settle(): void {
    for (const listener of this.listeners) listener();
    if (this.expected && this.outcomes.size >= this.expected.size) this.resolveDone?.();
  }
}
