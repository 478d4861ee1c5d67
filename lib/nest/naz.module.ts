import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigurableNazModule } from './naz-module-definition.js';
import type { NazForRouterAsyncOptions, NazForRouterOptions } from './router/naz-router-module-definition.js';
import { NazRouterModule } from './router/naz-router.module.js';

/**
 * The SMPP client module.
 *
 * @remarks
 * One `forRoot()` / `forRootAsync()` per SMSC account; give each a `name` when there are several. Options are
 * checked at start-up (a bad one stops the app with an error naming it); handlers decorated with
 * `@OnDeliverSm()`, `@OnDeliveryReceipt()`, `@OnSubmitResult()`, `@OnSessionState()` and `@OnPdu()` are found
 * at bootstrap; the session connects and binds in `onApplicationBootstrap`, and the app starts even when the
 * SMSC is down (the client keeps retrying; `SmppHealthIndicator` reports down meanwhile).
 *
 * On `app.close()` (and on SIGTERM/SIGINT once you call `app.enableShutdownHooks()`), the client stops taking
 * work, waits for in-flight responses (bounded by `drainTimeoutMs`), puts unconfirmed messages back in
 * the queue, unbinds and closes.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     ConfigModule.forRoot(),
 *     NazModule.forRootAsync({
 *       inject: [ConfigService],
 *       useFactory: (config: ConfigService) => ({
 *         host: config.getOrThrow('SMSC_HOST'),
 *         port: Number(config.get('SMSC_PORT', 2775)),
 *         systemId: config.getOrThrow('SMSC_SYSTEM_ID'),
 *         password: config.getOrThrow('SMSC_PASSWORD'),
 *       }),
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
export class NazModule extends ConfigurableNazModule {
  /**
   * A router over named clients: routes by destination prefix (and optionally sender or metadata tag), fails
   * over to the next client of a route, injects as `SmppRouterService`. See "Routing and failover" in the README.
   *
   * @example
   * ```ts
   * imports: [
   *   NazModule.forRoot({ name: 'local', ...localAccount }),
   *   NazModule.forRoot({ name: 'intl', ...intlAccount }),
   *   NazModule.forRouter({ routes: [{ prefix: '44', clients: ['local', 'intl'] }], fallback: ['intl'] }),
   * ]
   * ```
   */
  static forRouter(options: NazForRouterOptions): DynamicModule {
    return NazRouterModule.forRouter(options);
  }

  /** {@link NazModule.forRouter} with options from a factory, a class or an existing provider. */
  static forRouterAsync(options: NazForRouterAsyncOptions): DynamicModule {
    return NazRouterModule.forRouterAsync(options);
  }
}
