import type { Driver } from './driver.interface.js';
import { nazEngineDriver } from './naz-engine.driver.js';
import { nazNestDriver } from './naz-nest.driver.js';
import { nodeSmppDriver } from './node-smpp.driver.js';
import { rabbitMqQueueDriver, redisQueueDriver } from './queue-drivers.js';
import { rawSocketDriver } from './raw-socket.driver.js';
import { memoryLedgerDriver, postgresLedgerDriver } from './ledger.driver.js';
import { postgresQueueDriver } from './postgres.driver.js';

/** Every driver by name, so a child process can run one given only its name. */
export const DRIVERS = {
  'naz-engine': nazEngineDriver,
  'naz-nest': nazNestDriver,
  'node-smpp': nodeSmppDriver,
  'raw-socket': rawSocketDriver,
  redis: redisQueueDriver,
  rabbitmq: rabbitMqQueueDriver,
  postgres: postgresQueueDriver,
  'naz-ledger-memory': memoryLedgerDriver,
  'naz-ledger-postgres': postgresLedgerDriver,
} satisfies Record<string, Driver>;

/** A driver's name. */
export type DriverName = keyof typeof DRIVERS;
