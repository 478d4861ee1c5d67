import type { Provider } from '@nestjs/common';
import { SmppClient } from '../client/smpp-client.js';
import type { ResolvedSmppClientOptions } from '../client/resolved-smpp-client-options.interface.js';
import { validateClientOptions } from '../client/validate-client-options.js';
import { createDefaultPolicy } from '../client/default-policies.js';
import type { BindBudget } from '../cluster/bind-budget.interface.js';
import type { Correlator } from '../correlation/correlator.interface.js';
import { NoopHooks } from '../hooks/noop-hooks.js';
import type { SmppHooks } from '../hooks/smpp-hooks.interface.js';
import type { MessageLedger } from '../ledger/message-ledger.interface.js';
import { InMemoryMessageLedger } from '../ledger/in-memory-message-ledger.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { MessageReassembler } from '../protocol/long-message/index.js';
import type { OutboundQueue } from '../queue/outbound-queue.interface.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.interface.js';
import type { ThrottleHandler } from '../throttle/throttle-handler.interface.js';
import type { MessageTracing } from '../tracing/message-tracing.interface.js';
import { createOtelTracing } from '../tracing/create-otel-tracing.js';
import { composeHooks } from './hooks/composite-hooks.js';
import type { NazModuleOptions } from './interfaces/naz-module-options.interface.js';
import { NazMetrics } from './metrics/naz-metrics.js';
import {
  DEFAULT_CLIENT_NAME,
  NAZ_CLIENT_NAME,
  NAZ_CORRELATOR,
  NAZ_HOOKS,
  NAZ_LOGGER,
  NAZ_METRICS,
  NAZ_TRACING,
  NAZ_MODULE_OPTIONS,
  NAZ_OUTBOUND_QUEUE,
  NAZ_RATE_LIMITER,
  NAZ_RESOLVED_OPTIONS,
  NAZ_SMPP_CLIENT,
  NAZ_THROTTLE_HANDLER,
  NAZ_REASSEMBLER,
  NAZ_BIND_BUDGET,
  NAZ_MESSAGE_LEDGER,
} from './naz.constants.js';
import { NestLoggerAdapter } from './nest-logger.adapter.js';
import { SmppClientService } from './smpp-client.service.js';
import { getSmppClientToken } from './utils/get-smpp-client-token.util.js';
import { toClientOptions } from './utils/to-client-options.util.js';
import { POLICY_TOKEN_NAMES } from './utils/policy-tokens.util.js';
import { markPoliciesValidated, validatePolicies } from '../client/validate-policies.js';

/**
 * @internal The providers of one client's module. Each policy token gets the engine's default
 * (`createDefaultPolicy`, as `new SmppClient()` builds them) from the options validated once; `extraProviders`
 * come after these and replace any of them.
 */
export function createNazProviders(name: string): Provider[] {
  return [
    { provide: NAZ_CLIENT_NAME, useValue: name },
    {
      provide: NAZ_RESOLVED_OPTIONS,
      // Validation happens here, while the app starts: a bad option stops it with InvalidOptionsError.
      useFactory: (options: NazModuleOptions, clientName: string) =>
        validateClientOptions(toClientOptions(options, clientName)),
      inject: [NAZ_MODULE_OPTIONS, NAZ_CLIENT_NAME],
    },
    {
      provide: NAZ_LOGGER,
      useFactory: (clientName: string, o: ResolvedSmppClientOptions): NazLogger =>
        new NestLoggerAdapter(clientName === DEFAULT_CLIENT_NAME ? 'Naz' : `Naz:${clientName}`, o.logLevel),
      inject: [NAZ_CLIENT_NAME, NAZ_RESOLVED_OPTIONS],
    },
    {
      provide: NAZ_OUTBOUND_QUEUE,
      useFactory: (o: ResolvedSmppClientOptions): OutboundQueue => createDefaultPolicy('queue', o),
      inject: [NAZ_RESOLVED_OPTIONS],
    },
    {
      provide: NAZ_RATE_LIMITER,
      useFactory: (o: ResolvedSmppClientOptions): RateLimiter => createDefaultPolicy('rateLimiter', o),
      inject: [NAZ_RESOLVED_OPTIONS],
    },
    {
      provide: NAZ_THROTTLE_HANDLER,
      useFactory: (o: ResolvedSmppClientOptions): ThrottleHandler =>
        createDefaultPolicy('throttleHandler', o),
      inject: [NAZ_RESOLVED_OPTIONS],
    },
    { provide: NAZ_HOOKS, useFactory: (): SmppHooks => new NoopHooks() },
    // The bounded in-memory ledger, so `getMessage()` works out of the box; ~0.5 µs of CPU per message on the
    // Nest path (bench/README.md, "Message ledger"). Bind null to record nothing, or another ledger.
    { provide: NAZ_MESSAGE_LEDGER, useFactory: (): MessageLedger => new InMemoryMessageLedger() },
    {
      provide: NAZ_CORRELATOR,
      useFactory: (o: ResolvedSmppClientOptions): Correlator => createDefaultPolicy('correlator', o),
      inject: [NAZ_RESOLVED_OPTIONS],
    },
    {
      provide: NAZ_METRICS,
      useFactory: (options: NazModuleOptions, clientName: string, logger: NazLogger) =>
        NazMetrics.create(options.metrics, clientName, logger),
      inject: [NAZ_MODULE_OPTIONS, NAZ_CLIENT_NAME, NAZ_LOGGER],
    },
    {
      provide: NAZ_TRACING,
      // Off unless asked for: only then is @opentelemetry/api loaded (and its absence an error).
      useFactory: (options: NazModuleOptions): Promise<MessageTracing> | null =>
        options.tracing ? createOtelTracing(options.tracing === true ? {} : options.tracing) : null,
      inject: [NAZ_MODULE_OPTIONS],
    },
    {
      provide: NAZ_SMPP_CLIENT,
      useFactory: (
        options: ResolvedSmppClientOptions,
        queue: OutboundQueue,
        rateLimiter: RateLimiter,
        throttleHandler: ThrottleHandler,
        hooks: SmppHooks,
        correlator: Correlator,
        logger: NazLogger,
        metrics: NazMetrics | null,
        reassembler: MessageReassembler | undefined,
        bindBudget: BindBudget | undefined,
        ledger: MessageLedger | null | undefined,
        tracing: MessageTracing | null,
      ) => {
        // The user's policies as they provided them (before the metrics hooks wrap theirs), named by token.
        validatePolicies(
          {
            queue,
            rateLimiter,
            throttleHandler,
            hooks,
            correlator,
            logger,
            reassembler,
            bindBudget,
            ...(ledger ? { ledger } : {}),
          },
          POLICY_TOKEN_NAMES,
        );
        // The options validated once, above (NAZ_RESOLVED_OPTIONS), and the policies just now under their token
        // names (the client does not check them again); the defaults built by the providers here are closed by
        // the client when it stops (see createDefaultPolicy), the ones you bound are yours.
        return new SmppClient(
          options,
          markPoliciesValidated({
            ...(reassembler ? { reassembler } : {}),
            ...(bindBudget ? { bindBudget } : {}),
            ...(ledger ? { ledger } : {}),
            ...(tracing ? { tracing } : {}),
            queue,
            rateLimiter,
            throttleHandler,
            hooks: composeHooks(metrics?.hooks, hooks),
            correlator,
            logger,
          }),
        );
      },
      inject: [
        NAZ_RESOLVED_OPTIONS,
        NAZ_OUTBOUND_QUEUE,
        NAZ_RATE_LIMITER,
        NAZ_THROTTLE_HANDLER,
        NAZ_HOOKS,
        NAZ_CORRELATOR,
        NAZ_LOGGER,
        NAZ_METRICS,
        // Optional: the in-memory reassembler is the engine's own default.
        { token: NAZ_REASSEMBLER, optional: true },
        // Optional: without a bind budget every session binds.
        { token: NAZ_BIND_BUDGET, optional: true },
        // null turns the ledger off.
        { token: NAZ_MESSAGE_LEDGER, optional: true },
        NAZ_TRACING,
      ],
    },
    { provide: getSmppClientToken(name), useClass: SmppClientService },
  ];
}
