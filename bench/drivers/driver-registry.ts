import type { Driver } from './driver.interface.js';

/**
 * Every driver by name, each behind its own dynamic import, so a child process running one loads that
 * client's code and nothing else: a child measuring node-smpp must not carry Nest, ioredis and amqplib in its
 * RSS because another driver imports them (an earlier registry imported every driver statically, and every
 * client's peak RSS read ~114 MB whatever it loaded).
 */
export const DRIVERS = {
  'naz-engine': async () => (await import('./naz-engine.driver.js')).nazEngineDriver,
  'naz-root': async () => (await import('./naz-entry.driver.js')).nazRootEntryDriver,
  'naz-core': async () => (await import('./naz-entry.driver.js')).nazCoreEntryDriver,
  'naz-nest': async () => (await import('./naz-nest.driver.js')).nazNestDriver,
  'node-smpp': async () => (await import('./node-smpp.driver.js')).nodeSmppNoDelayDriver,
  'node-smpp-nagle': async () => (await import('./node-smpp.driver.js')).nodeSmppDefaultDriver,
  'raw-socket': async () => (await import('./raw-socket.driver.js')).rawSocketDriver,
  redis: async () => (await import('./queue-drivers.js')).redisQueueDriver,
  rabbitmq: async () => (await import('./queue-drivers.js')).rabbitMqQueueDriver,
  'rabbitmq-packs': async () => (await import('./queue-drivers.js')).rabbitMqPacksQueueDriver,
  postgres: async () => (await import('./postgres.driver.js')).postgresQueueDriver,
  'postgres-alone': async () => (await import('./postgres.driver.js')).postgresOutboxOnlyDriver,
  'naz-ledger-memory': async () => (await import('./ledger.driver.js')).memoryLedgerDriver,
  'naz-ledger-postgres': async () => (await import('./ledger.driver.js')).postgresLedgerDriver,
  'naz-router': async () => (await import('./router.driver.js')).routerDriver,
} satisfies Record<string, () => Promise<Driver>>;

/** A driver's name. */
export type DriverName = keyof typeof DRIVERS;
