import { ConfigService } from '@nestjs/config';
import {
  RedisBindBudget,
  RedisCorrelator,
  RedisOutboundQueue,
  RedisRateLimiter,
  type NazFactoryProvider,
} from '../../lib/index.js';

/**
 * The sample run as one of several replicas of one SMSC account (README → Scaling out), when `REDIS_URL` is set:
 *
 * - `RedisOutboundQueue`: the replicas share the work (`REDIS_STREAM`, default `naz:sample:out`);
 * - `RedisCorrelator`: a receipt arriving on any replica finds the message another one sent;
 * - `RedisRateLimiter`, with `SMSC_RATE` (messages per second of the account): the contract holds for the sum;
 * - `RedisBindBudget`, with `SMSC_MAX_BINDS`: at most that many replicas bind, the others wait in standby.
 *
 * Without `REDIS_URL` the sample keeps its in-memory defaults.
 *
 * @example
 * ```sh
 * REDIS_URL=redis://127.0.0.1:6379 SMSC_RATE=300 SMSC_MAX_BINDS=2 PORT=3001 npm run start:sample
 * ```
 */
export function scaleOutProviders(env: NodeJS.ProcessEnv = process.env): NazFactoryProvider<unknown>[] {
  if (!env.REDIS_URL) return [];
  const account = (config: ConfigService) => config.get<string>('SMSC_SYSTEM_ID') ?? 'sample';
  const providers: NazFactoryProvider<unknown>[] = [
    RedisOutboundQueue.provider({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        connection: config.getOrThrow<string>('REDIS_URL'),
        stream: config.get<string>('REDIS_STREAM') ?? 'naz:sample:out',
      }),
    }),
    RedisCorrelator.provider({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        connection: config.getOrThrow<string>('REDIS_URL'),
        keyPrefix: `naz:${account(config)}:corr:`,
      }),
    }),
  ];
  if (env.SMSC_RATE) {
    providers.push(
      RedisRateLimiter.provider({
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          connection: config.getOrThrow<string>('REDIS_URL'),
          account: account(config),
          perSecond: Number(config.getOrThrow<string>('SMSC_RATE')),
        }),
      }),
    );
  }
  if (env.SMSC_MAX_BINDS) {
    providers.push(
      RedisBindBudget.provider({
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          connection: config.getOrThrow<string>('REDIS_URL'),
          account: account(config),
          maxBinds: Number(config.getOrThrow<string>('SMSC_MAX_BINDS')),
        }),
      }),
    );
  }
  return providers;
}
