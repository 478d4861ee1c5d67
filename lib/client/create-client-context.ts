import type { EventEmitter } from 'node:events';
import type { CorrelationEntry } from '../correlation/correlator.interface.js';
import type { SmppHooks } from '../hooks/smpp-hooks.interface.js';
import { JsonLogger } from '../logging/json-logger.js';
import { SafeLogger } from '../logging/safe-logger.js';
import { defaultTextCodecs } from '../protocol/encoding/text-codec.registry.js';
import type { MessageReassembler } from '../protocol/long-message/index.js';
import { InMemoryOutboundQueue } from '../queue/in-memory-outbound-queue.js';
import { isSharedThrottleSignal } from '../rate-limit/shared-throttle-signal.interface.js';
import { UnlimitedRateLimiter } from '../rate-limit/unlimited-rate-limiter.js';
import { SharedThrottleHandler } from '../throttle/shared-throttle-handler.js';
import { toError } from '../errors/to-error.js';
import { BuiltPdus } from './built-pdus.js';
import { OBSERVED_CLIENT_EVENTS, type ClientContext } from './client-context.js';
import { ListenerPresence } from '../session/listener-presence.js';
import { ClientCounters } from './client-counters.js';
import type { SmppClientEvents } from './client-events.interface.js';
import { createDefaultPolicy, isDefaultPolicy, type DefaultPolicies } from './default-policies.js';
import { InvalidOptionsError } from './errors/invalid-options.error.js';
import type { ResolvedSmppClientOptions } from './resolved-smpp-client-options.interface.js';
import type { SmppClientOptions } from './smpp-client-options.interface.js';
import type { SmppClientPolicies } from './smpp-client-policies.interface.js';
import { resolveClientOptions } from './validate-client-options.js';
import { validatePolicies } from './validate-policies.js';

/** A policy the client closes when it stops. */
export interface ClosablePolicy {
  close?(): Promise<void>;
}

/** What {@link createClientContext} builds for a client. */
export interface CreatedClientContext {
  readonly ctx: ClientContext;
  /** The reassembler of inbound long messages (yours or the default). */
  readonly reassembler: MessageReassembler;
  /** Your hooks, when they define at least one hook (the ledger and tracing add theirs around them). */
  readonly userHooks: SmppHooks | undefined;
  /** The policies built as defaults (here or by the Nest module), closed when the client stops. */
  readonly owned: readonly ClosablePolicy[];
}

/** The client the context reports to. */
export interface ClientContextOwner {
  /** The client's emitter: events go out through it, guarded so a throwing listener is only logged. */
  readonly emitter: EventEmitter<SmppClientEvents>;
  /** See `ClientContext.correlationStored` (the inbound dispatcher, built after the context). */
  correlationStored(entry: CorrelationEntry): void;
}

/**
 * Resolves the options (once: options already resolved by `validateClientOptions` are taken as they are),
 * checks the policies, and builds what a client's parts share: your policies, and a default for each one you
 * left out (the same defaults the Nest module's providers build).
 *
 * @throws InvalidOptionsError naming the option or policy and the rule.
 */
export function createClientContext(
  options: SmppClientOptions | ResolvedSmppClientOptions,
  policies: SmppClientPolicies,
  owner: ClientContextOwner,
): CreatedClientContext {
  const o = resolveClientOptions(options);
  validatePolicies(policies);
  const owned: ClosablePolicy[] = [];
  // A default, yours or built here, is the client's to close; a policy you built is yours.
  const use = <K extends keyof DefaultPolicies>(key: K): DefaultPolicies[K] => {
    const policy = (policies[key] as DefaultPolicies[K] | undefined) ?? createDefaultPolicy(key, o);
    if (isDefaultPolicy(policy)) owned.push(policy as ClosablePolicy);
    return policy;
  };

  const logger = new SafeLogger(policies.logger ?? new JsonLogger({ level: o.logLevel }), {
    metadata: { client: o.name, ...o.logMetadata },
    secretValues: [o.password],
  });
  const queue = use('queue');
  if (o.spillFile !== undefined && !(queue instanceof InMemoryOutboundQueue)) {
    throw new InvalidOptionsError(
      'spillFile',
      'in-memory-queue',
      'spillFile applies to the in-memory queue only; your queue keeps unsent messages itself',
    );
  }
  const limiter = use('rateLimiter');
  // An unlimited limiter costs nothing: the send path skips the call altogether.
  const rateLimiter = limiter instanceof UnlimitedRateLimiter ? undefined : limiter;
  const localThrottle = use('throttleHandler');
  // A limiter shared by replicas (RedisRateLimiter) hears every throttled answer, to slow all of them at once.
  const throttle = isSharedThrottleSignal(rateLimiter)
    ? new SharedThrottleHandler(localThrottle, rateLimiter)
    : localThrottle;
  const userHooks =
    policies.hooks && (policies.hooks.beforeRequest || policies.hooks.afterResponse)
      ? policies.hooks
      : undefined;

  const emitter = owner.emitter;
  const safeEmit = <K extends keyof SmppClientEvents>(event: K, ...args: SmppClientEvents[K]): void => {
    try {
      (emitter.emit as (e: K, ...a: SmppClientEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      logger.error(`a '${String(event)}' listener threw; ignored`, { error: toError(error) });
    }
  };
  const listening = new ListenerPresence(emitter as unknown as EventEmitter, OBSERVED_CLIENT_EVENTS);
  let reference = Math.floor(Math.random() * 0x10000);
  const ctx: ClientContext = {
    name: o.name,
    options: o,
    queue,
    rateLimiter,
    throttle,
    hooks: userHooks,
    correlator: use('correlator'),
    ledger: undefined,
    bindBudget: policies.bindBudget,
    logger,
    codecs: policies.codecs ?? defaultTextCodecs,
    counters: new ClientCounters(),
    built: new BuiltPdus(),
    acceptedParts: new WeakMap(),
    emit: safeEmit,
    listening,
    warn: (message, error, fields) => {
      logger.warn(message, error ? { ...fields, error } : fields);
      if (listening.has.warning) {
        safeEmit('warning', error ? { client: o.name, message, error } : { client: o.name, message });
      }
    },
    nextReference: () => (reference = (reference + 1) & 0xffff),
    correlationStored: (entry) => owner.correlationStored(entry),
  };
  return { ctx, reassembler: use('reassembler'), userHooks, owned };
}
