import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { RedisConnectionConfig } from '../../redis/redis-client.interface.js';

/**
 * Options of `RedisOutboundQueue`. Every replica of an app uses the same `stream` and `group`; each gets its
 * own `consumer` name.
 */
export interface RedisOutboundQueueOptions extends RedisConnectionConfig {
  /** Stream key of the queue. For Redis Cluster, put a hash tag in it (`{sms}:outbound`) so the derived keys share its slot. @default 'naz:outbound' */
  stream?: string;
  /** Consumer group shared by all replicas. @default 'naz' */
  group?: string;
  /** This replica's consumer name; unique per process. A stable name (pod name) lets a restarted replica take back its own messages at once. @default `<hostname>:<pid>:<random>` */
  consumer?: string;
  /** Stream of messages that failed for good, with the reason. @default `<stream>:dead` */
  deadLetterStream?: string;
  /** Sorted set of messages waiting for a delayed retry. @default `<stream>:delayed` */
  delayedKey?: string;
  /**
   * A Redis list that Python naz producers LPUSH JSON items to (naz's Redis example). When set, its items are
   * moved into the stream atomically (no item is lost between the two) and sent like any other.
   */
  importListKey?: string;
  /** Most entries the stream may hold (waiting + in flight); `enqueue` beyond it throws `QueueFullError`. Never trims. @default unbounded */
  maxLength?: number;
  /**
   * Also keep messages the SMSC refused for good (`ESME_RINVDSTADR`...) in the dead-letter stream, with the
   * rejection as the reason. Otherwise they are acknowledged and deleted: their `failed` event and log line
   * are their record. Messages that cannot be sent as they stand (invalid, unreadable) and those out of
   * retries are dead-lettered either way. @default false
   */
  deadLetterRejected?: boolean;
  /** Approximate bound of the dead-letter stream (oldest dead letters trimmed first). @default 100000 */
  deadLetterMaxLength?: number;
  /** A message held this long by a replica that stopped refreshing it (dead, or frozen) is taken over by another. @default 30000 */
  claimIdleMs?: number;
  /** A message delivered this many times without an answer (it kills its consumer?) goes to the dead-letter stream. @default 10 */
  maxDeliveries?: number;
  /** Longest a blocking read waits before the queue looks at delayed messages and claims again. @default 2000 */
  blockMs?: number;
  /** Most delayed (or imported) messages moved back to the stream per step. @default 100 */
  promoteBatch?: number;
  /** Consumers of dead replicas holding nothing are deleted from the group after this idle time. @default 3600000 */
  deleteIdleConsumersAfterMs?: number;
  logger?: NazLogger;
}
