import type { BindBudget } from '../cluster/bind-budget.interface.js';
import type { CorrelationEntry, Correlator } from '../correlation/correlator.interface.js';
import type { SmppHooks } from '../hooks/smpp-hooks.interface.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { TextCodecRegistry } from '../protocol/encoding/text-codec.registry.js';
import type { OutboundQueue } from '../queue/outbound-queue.interface.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.interface.js';
import type { ThrottleHandler } from '../throttle/throttle-handler.interface.js';
import type { SmppClientEvents } from './client-events.interface.js';
import type { BuiltPdus } from './built-pdus.js';
import type { ClientLedgerRecorder } from './record-client-in-ledger.js';
import type { ClientCounters } from './client-counters.js';
import type { ResolvedSmppClientOptions } from './resolved-smpp-client-options.interface.js';
import type { ListenerPresence } from '../session/listener-presence.js';

/** The client's events whose listeners the send path checks per message or PDU before building them. */
export const OBSERVED_CLIENT_EVENTS = ['queued', 'submitted', 'retry', 'pdu', 'warning'] as const;
export type ObservedClientEvent = (typeof OBSERVED_CLIENT_EVENTS)[number];

/** What the client's parts (supervisors, send loops, inbound dispatcher) share. Internal. */
export interface ClientContext {
  readonly name: string;
  readonly options: ResolvedSmppClientOptions;
  readonly queue: OutboundQueue;
  /** Undefined when unlimited: the send path then skips rate limiting entirely. */
  readonly rateLimiter: RateLimiter | undefined;
  readonly throttle: ThrottleHandler;
  /**
   * Undefined when no hook is defined, so the send path skips hook calls entirely. Not readonly: a tracing
   * policy adds its hooks only once a tracer provider records (see `MessageTracing.attach`).
   */
  hooks: SmppHooks | undefined;
  readonly correlator: Correlator;
  /** Records queued, submit and submitted in the message ledger (direct calls: no event objects); undefined without one. */
  ledger: ClientLedgerRecorder | undefined;
  /** Undefined unless binds are shared between replicas. */
  readonly bindBudget: BindBudget | undefined;
  readonly logger: NazLogger;
  readonly codecs: TextCodecRegistry;
  readonly counters: ClientCounters;
  /** PDUs already built by `send()` for a queued message object (the in-memory queue hands back the same object). */
  readonly built: BuiltPdus;
  /**
   * For a long message some of whose parts the SMSC already accepted: each part's message id by position
   * (undefined for parts still to send). A retry resends only the missing parts, so an accepted part is not
   * submitted (and billed) twice. Kept while the queue hands back the same message object (in-memory queue).
   */
  readonly acceptedParts: WeakMap<object, Array<string | undefined>>;
  /**
   * Tells the early-receipt hold that `correlator.put(entry)` completed in this process: receipts held for
   * that message id leave correlated at once.
   */
  correlationStored(entry: CorrelationEntry): void;
  /** Emits without letting a listener's exception reach the caller. */
  emit<K extends keyof SmppClientEvents>(event: K, ...args: SmppClientEvents[K]): void;
  /** Whether anyone listens to the events hot paths build per message or PDU (`listening.has.submitted`). */
  readonly listening: ListenerPresence<ObservedClientEvent>;
  /** Reports a handled problem: logged at warn and emitted as 'warning'. */
  warn(message: string, error?: Error, fields?: Record<string, unknown>): void;
  /** The next long-message reference (running counter, 16 bits). */
  nextReference(): number;
}
