import type { BindBudget } from '../cluster/bind-budget.interface.js';
import type { Correlator } from '../correlation/correlator.interface.js';
import type { SmppHooks } from '../hooks/smpp-hooks.interface.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { MessageLedger } from '../ledger/message-ledger.interface.js';
import type { MessageReassembler } from '../protocol/long-message/reassembler.interface.js';
import type { TextCodecRegistry } from '../protocol/encoding/text-codec.registry.js';
import type { OutboundQueue } from '../queue/outbound-queue.interface.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.interface.js';
import type { ThrottleHandler } from '../throttle/throttle-handler.interface.js';
import type { MessageTracing } from '../tracing/message-tracing.interface.js';

/**
 * The pluggable policies of a client (naz's broker, rate limiter, throttle handler, hook, correlater, logger).
 * Each one left out gets its in-memory default, built from the client options.
 *
 * @remarks
 * Policies the client builds itself are closed by `stop()`; policies you pass in are yours to close (they may
 * be shared with other clients).
 */
export interface SmppClientPolicies {
  /** @default InMemoryOutboundQueue({ capacity: queueCapacity }) */
  queue?: OutboundQueue;
  /** @default TokenBucketRateLimiter(rateLimit) when `rateLimit` is set, else none (no cost at all) */
  rateLimiter?: RateLimiter;
  /** @default SamplingThrottleHandler(throttle) */
  throttleHandler?: ThrottleHandler;
  /** @default none */
  hooks?: SmppHooks;
  /** @default InMemoryCorrelator(correlation) */
  correlator?: Correlator;
  /** @default JsonLogger at `logLevel` on stderr (always behind secret redaction) */
  logger?: NazLogger;
  /** Text codecs for encoding and decoding. @default defaultTextCodecs */
  codecs?: TextCodecRegistry;
  /** Reassembly of inbound long messages. @default Reassembler(reassembly) */
  reassembler?: MessageReassembler;
  /**
   * The account's binds shared by every replica (`RedisBindBudget`): a session binds only with a lease, and
   * waits in `standby` while the budget is used up. @default none (every session binds)
   */
  bindBudget?: BindBudget;
  /**
   * Records every message's life (queued, submit attempts, submitted, receipts, final state) for `getMessage`.
   * @default none (in Nest too: bind `InMemoryMessageLedger.provider()` or `PostgresMessageLedger.provider()`)
   */
  ledger?: MessageLedger;
  /**
   * OpenTelemetry spans for every message (`await createOtelTracing()`): `send`, each `submit_sm`, the outcome
   * and the receipts, with the trace context carried in the queued message's `trace`. @default none (nothing
   * of OpenTelemetry is loaded)
   */
  tracing?: MessageTracing;
}
