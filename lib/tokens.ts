/**
 * Dependency-injection tokens of the policies, as plain values.
 *
 * @remarks
 * They live outside `lib/nest` so that adapters (Redis, RabbitMQ) can build Nest-shaped providers without
 * importing `@nestjs/*`; `lib/nest/naz.constants.ts` must re-export these same values (a provider only
 * replaces a default registered under the identical symbol). Every `NazModule.forRoot()` is its own module
 * with its own providers, so a named client uses the same tokens in its own `extraProviders`.
 *
 * Each token is a `Symbol.for` (a registered symbol): an app can load the library twice, its ESM build through
 * `import` and its CommonJS build through `require` (a dependency of the app may use the other one), and a provider
 * registered with one copy's token must replace the default the other copy's module looks up. Module-local
 * `Symbol()`s would differ between the copies. The `nestjs-naz:` prefix keeps them apart from other libraries'.
 */

/** Token of the `OutboundQueue` policy. */
export const NAZ_OUTBOUND_QUEUE = Symbol.for('nestjs-naz:NAZ_OUTBOUND_QUEUE');
/** Token of the `RateLimiter` policy. */
export const NAZ_RATE_LIMITER = Symbol.for('nestjs-naz:NAZ_RATE_LIMITER');
/** Token of the `ThrottleHandler` policy. */
export const NAZ_THROTTLE_HANDLER = Symbol.for('nestjs-naz:NAZ_THROTTLE_HANDLER');
/** Token of the `SmppHooks` policy. */
export const NAZ_HOOKS = Symbol.for('nestjs-naz:NAZ_HOOKS');
/** Token of the `Correlator` policy. */
export const NAZ_CORRELATOR = Symbol.for('nestjs-naz:NAZ_CORRELATOR');
/** Token of the `NazLogger`. */
export const NAZ_LOGGER = Symbol.for('nestjs-naz:NAZ_LOGGER');
/** Token of the `BindBudget` sharing the account's binds between replicas (none by default). */
export const NAZ_BIND_BUDGET = Symbol.for('nestjs-naz:NAZ_BIND_BUDGET');
/** Token of the `MessageReassembler` joining inbound long messages. */
export const NAZ_REASSEMBLER = Symbol.for('nestjs-naz:NAZ_REASSEMBLER');
/** Token of the `MessageLedger` recording every message's history. */
export const NAZ_MESSAGE_LEDGER = Symbol.for('nestjs-naz:NAZ_MESSAGE_LEDGER');

/** Name of the client when none is given. */
export const DEFAULT_NAZ_CLIENT_NAME = 'default';

/** A dependency a factory provider asks for; `optional` ones resolve to `undefined` when not provided. */
export type NazInjectionToken =
  | string
  | symbol
  | (abstract new (...args: never[]) => unknown)
  | { token: string | symbol | (abstract new (...args: never[]) => unknown); optional: boolean };

/**
 * A factory provider in the shape Nest expects (`{ provide, useFactory, inject }`), built without importing Nest.
 *
 * @remarks
 * Put it in `NazModule.forRootAsync({ extraProviders: [...] })` or any module's `providers`.
 */
export interface NazFactoryProvider<T> {
  provide: symbol;
  useFactory: (...args: unknown[]) => Promise<T>;
  inject: NazInjectionToken[];
}

/** Options of a policy's `provider()` helper: the policy's options, or a factory of them with its dependencies. */
export type NazPolicyProviderOptions<O> =
  | (O & {
      /** The named client this policy serves (used in default key names). @default 'default' */ clientName?: string;
    })
  | {
      /** The named client this policy serves (used in default key names). @default 'default' */
      clientName?: string;
      /** Dependencies passed to `useFactory`, e.g. `[ConfigService]`. */
      inject?: NazInjectionToken[];
      /** Builds the options, e.g. from `ConfigService`. */
      useFactory: (...args: never[]) => O | Promise<O>;
    };

/**
 * Builds the Nest factory provider of a policy under its (named) token.
 *
 * @remarks
 * The Nest logger registered under `NAZ_LOGGER` is injected when present and used unless the options name
 * their own. Used by `RedisOutboundQueue.provider()` and the other adapters.
 */
export function nazPolicyProvider<O extends object, T>(
  token: symbol,
  options: NazPolicyProviderOptions<O>,
  create: (options: O) => T,
): NazFactoryProvider<T> {
  const factory = 'useFactory' in options ? options : undefined;
  const inject: NazInjectionToken[] = [{ token: NAZ_LOGGER, optional: true }];
  if (factory?.inject) inject.push(...factory.inject);
  return {
    provide: token,
    inject,
    useFactory: async (logger: unknown, ...deps: unknown[]) => {
      let resolved: O;
      if (factory) {
        resolved = await (factory.useFactory as (...args: unknown[]) => O | Promise<O>)(...deps);
      } else {
        const { clientName: _name, ...rest } = options as O & { clientName?: string };
        resolved = rest as O;
      }
      return create(logger === undefined || logger === null ? resolved : { logger, ...resolved });
    },
  };
}
