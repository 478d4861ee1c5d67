import { InMemoryCorrelator } from '../correlation/in-memory-correlator.js';
import type { Correlator } from '../correlation/correlator.interface.js';
import { Reassembler } from '../protocol/long-message/reassembler.js';
import type { MessageReassembler } from '../protocol/long-message/index.js';
import { InMemoryOutboundQueue } from '../queue/in-memory-outbound-queue.js';
import type { OutboundQueue } from '../queue/outbound-queue.interface.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.interface.js';
import { TokenBucketRateLimiter } from '../rate-limit/token-bucket-rate-limiter.js';
import { UnlimitedRateLimiter } from '../rate-limit/unlimited-rate-limiter.js';
import { SamplingThrottleHandler } from '../throttle/sampling-throttle-handler.js';
import type { ThrottleHandler } from '../throttle/throttle-handler.interface.js';
import type { ResolvedSmppClientOptions } from './resolved-smpp-client-options.interface.js';

/** The policies with a default built from the options. */
export interface DefaultPolicies {
  queue: OutboundQueue;
  rateLimiter: RateLimiter;
  throttleHandler: ThrottleHandler;
  correlator: Correlator;
  reassembler: MessageReassembler;
}

/**
 * Policies built as defaults, by the client or by the Nest module's default providers: whoever consumes one
 * closes it when it stops (a policy you pass is yours to close). A WeakSet, so a default never used is
 * collected as usual.
 */
const createdAsDefault = new WeakSet<object>();

/**
 * How each default policy is built from the options: one table for `new SmppClient()` and the Nest module's
 * providers (`NAZ_OUTBOUND_QUEUE`, `NAZ_RATE_LIMITER`...), so both run with the same defaults.
 */
const DEFAULT_POLICY_FACTORIES: {
  readonly [K in keyof DefaultPolicies]: (o: ResolvedSmppClientOptions) => DefaultPolicies[K];
} = {
  queue: (o) => new InMemoryOutboundQueue({ capacity: o.queueCapacity }),
  rateLimiter: (o) => (o.rateLimit ? new TokenBucketRateLimiter(o.rateLimit) : new UnlimitedRateLimiter()),
  throttleHandler: (o) => new SamplingThrottleHandler(o.throttle),
  correlator: (o) =>
    new InMemoryCorrelator({ ttlMs: o.correlation.ttlMs, maxEntries: o.correlation.maxEntries }),
  reassembler: (o) =>
    new Reassembler({ timeoutMs: o.reassembly.timeoutMs, maxOpenSets: o.reassembly.maxPendingSets }),
};

/** Builds the default of one policy from the options, marked as a default (see {@link isDefaultPolicy}). */
export function createDefaultPolicy<K extends keyof DefaultPolicies>(
  key: K,
  options: ResolvedSmppClientOptions,
): DefaultPolicies[K] {
  const policy = DEFAULT_POLICY_FACTORIES[key](options);
  createdAsDefault.add(policy);
  return policy;
}

/** Whether the policy was built by {@link createDefaultPolicy}: the client consuming it closes it on stop. */
export function isDefaultPolicy(policy: unknown): boolean {
  return typeof policy === 'object' && policy !== null && createdAsDefault.has(policy);
}
