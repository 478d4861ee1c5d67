import type { NazLogger } from '../logging/naz-logger.interface.js';
import { silentLogger } from '../logging/safe-logger.js';
import type {
  IncomingPart,
  IncompleteMessage,
  MessageReassembler,
  ReassembledMessage,
  ReceivedPart,
} from '../protocol/long-message/reassembler.interface.js';
import { clientKeyPrefix } from '../redis/client-key-prefix.js';
import { LazyRedisClient } from '../redis/lazy-redis-client.js';
import type { RedisConnectionConfig } from '../redis/redis-client.interface.js';
import {
  NAZ_REASSEMBLER,
  nazPolicyProvider,
  type NazFactoryProvider,
  type NazPolicyProviderOptions,
} from '../tokens.js';
import { ADD_PART, TAKE_EXPIRED } from './redis-reassembler-scripts.js';

/** Options of {@link RedisReassembler}. */
export interface RedisReassemblerOptions extends RedisConnectionConfig {
  /** Prefix of every key; one per SMSC account. @default 'naz:reasm:' (`'naz:reasm:<clientName>:'` through `provider()`) */
  keyPrefix?: string;
  /** How long a long message may take to complete, from its first part. @default 300000 (5 min) */
  timeoutMs?: number;
  /** Most long messages open at once; the oldest beyond it are given up (reported as `'evicted'`). @default 10000 */
  maxOpenSets?: number;
  /**
   * Whether the part's `scope` (the client's session/bind) is part of the key. Off, parts of one message
   * arriving on different binds or replicas are joined, which is the point of a shared store.
   * @default false
   */
  useScope?: boolean;
  /**
   * How long a completed message is remembered so that a retransmitted part of it (the SMSC resending after
   * a lost deliver_sm_resp, or two replicas racing) is dropped instead of starting the message again.
   * @default 60000
   */
  duplicateWindowMs?: number;
  logger?: NazLogger;
}

/** Meta data of a set, stored with its first part. */
interface SetMeta {
  source: string;
  destination: string;
  scope?: string;
  method: IncomingPart['concat']['method'];
  reference: number;
  total: number;
}

/** A part as stored: payload in base64 (hash values come back as text). */
interface StoredPart {
  s: number;
  h: number;
  d: number;
  p: string;
}

/**
 * Joins inbound long-message parts in Redis, so parts of one message that arrive on different binds or on
 * different replicas of the app still make one message, delivered once.
 *
 * @remarks
 * Each set is a Redis hash (one field per part, added with HSETNX so duplicates are ignored) plus an entry in
 * a sorted index by first-seen time; a completed set is kept `duplicateWindowMs` as a tombstone so late
 * duplicates of its parts are dropped. Adding a part and completing the set is one Lua script: exactly one
 * replica gets the whole message. `sweep()` gives up sets older than `timeoutMs` (and the oldest beyond
 * `maxOpenSets`), each reported by exactly one replica. `flush()` gives up nothing: on shutdown of one
 * replica the others may still complete the open sets. `ioredis` is an optional peer dependency.
 */
export class RedisReassembler implements MessageReassembler {
  readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly maxOpenSets: number;
  private readonly useScope: boolean;
  private readonly duplicateWindowMs: number;
  private readonly logger: NazLogger;
  private readonly redis: LazyRedisClient;
  private closed = false;

  /** A Nest provider under `NAZ_REASSEMBLER` (or the named client's token), without importing Nest. */
  static provider(
    options: NazPolicyProviderOptions<RedisReassemblerOptions> = {},
  ): NazFactoryProvider<RedisReassembler> {
    const defaultPrefix = clientKeyPrefix('naz:reasm:', options.clientName);
    return nazPolicyProvider(
      NAZ_REASSEMBLER,
      options,
      (resolved) => new RedisReassembler({ keyPrefix: defaultPrefix, ...resolved }),
    );
  }

  constructor(private readonly options: RedisReassemblerOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? 'naz:reasm:';
    this.timeoutMs = options.timeoutMs ?? 300_000;
    this.maxOpenSets = options.maxOpenSets ?? 10_000;
    this.useScope = options.useScope ?? false;
    this.duplicateWindowMs = Math.max(1, options.duplicateWindowMs ?? 60_000);
    this.logger = options.logger ?? silentLogger;
    this.redis = new LazyRedisClient(options, 'RedisReassembler', (error: unknown) =>
      this.logger.warn('redis reassembler: connection problem', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    if (!(this.timeoutMs > 0))
      throw new RangeError(`RedisReassembler timeoutMs must be > 0, got ${String(this.timeoutMs)}`);
    if (!(Number.isInteger(this.maxOpenSets) && this.maxOpenSets >= 1)) {
      throw new RangeError(
        `RedisReassembler maxOpenSets must be an integer ≥ 1, got ${String(this.maxOpenSets)}`,
      );
    }
  }

  async push(part: IncomingPart): Promise<ReassembledMessage | undefined> {
    const client = await this.redis.get();
    const { method, reference, total, seq } = part.concat;
    const meta: SetMeta = { source: part.source, destination: part.destination, method, reference, total };
    if (this.useScope && part.scope !== undefined) meta.scope = part.scope;
    const member = JSON.stringify([
      meta.scope ?? '',
      part.source,
      part.destination,
      method,
      reference,
      total,
    ]);
    const stored: StoredPart = {
      s: seq,
      h: part.headerLength ?? 0,
      d: part.dataCoding,
      p: part.payload.toString('base64'),
    };
    const reply = await ADD_PART.run(
      client,
      [this.setKey(member), this.indexKey()],
      [
        seq,
        total,
        JSON.stringify(stored),
        member,
        JSON.stringify(meta),
        // Safety net only: sweep() normally reports a set long before Redis drops it.
        this.timeoutMs * 2,
        this.duplicateWindowMs,
      ],
    );
    if (!reply) return undefined;
    const set = this.readSet(reply);
    if (!set) return undefined;
    const parts = set.parts;
    return {
      key: member,
      ...set.meta,
      dataCoding: parts[0]?.dataCoding ?? part.dataCoding,
      parts,
      bytes: Buffer.concat(parts.map((p) => p.payload)),
    };
  }

  async sweep(): Promise<IncompleteMessage[]> {
    const client = await this.redis.get();
    const reply = await TAKE_EXPIRED.run(
      client,
      [this.indexKey()],
      [this.timeoutMs, this.maxOpenSets, 1_000, `${this.keyPrefix}set:`],
    );
    const reports: IncompleteMessage[] = [];
    if (!Array.isArray(reply)) return reports;
    for (let i = 0; i + 2 < reply.length; i += 3) {
      const reason = String(reply[i]) as IncompleteMessage['reason'];
      const set = this.readSet(reply[i + 2]);
      if (!set) continue;
      const received = set.parts.map((p) => p.seq);
      const missing: number[] = [];
      for (let seq = 1; seq <= set.meta.total; seq++) if (!received.includes(seq)) missing.push(seq);
      reports.push({
        key: String(reply[i + 1]),
        ...set.meta,
        reason,
        received,
        missing,
        parts: set.parts,
        firstSeenAt: set.firstSeenAt,
        lastSeenAt: set.lastSeenAt,
      });
    }
    if (reports.length > 0)
      this.logger.warn('redis reassembler: long messages given up', { count: reports.length });
    return reports;
  }

  /** Gives up nothing: other replicas may still complete the sets this one saw begin. */
  flush(): IncompleteMessage[] {
    return [];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.close();
  }

  /** Nest lifecycle hook. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private setKey(member: string): string {
    return `${this.keyPrefix}set:${member}`;
  }

  private indexKey(): string {
    return `${this.keyPrefix}open`;
  }

  private readSet(
    reply: unknown,
  ): { meta: SetMeta; parts: ReceivedPart[]; firstSeenAt: number; lastSeenAt: number } | undefined {
    const fields = new Map<string, string>();
    if (Array.isArray(reply)) {
      for (let i = 0; i + 1 < reply.length; i += 2) fields.set(String(reply[i]), String(reply[i + 1]));
    }
    const metaJson = fields.get('meta');
    if (metaJson === undefined) return undefined;
    try {
      const meta = JSON.parse(metaJson) as SetMeta;
      const parts: ReceivedPart[] = [];
      for (const [field, value] of fields) {
        if (!field.startsWith('p:')) continue;
        const stored = JSON.parse(value) as StoredPart;
        parts.push({
          seq: stored.s,
          headerLength: stored.h,
          dataCoding: stored.d,
          payload: Buffer.from(stored.p, 'base64'),
        });
      }
      parts.sort((a, b) => a.seq - b.seq);
      return {
        meta,
        parts,
        firstSeenAt: Number(fields.get('first') ?? 0),
        lastSeenAt: Number(fields.get('last') ?? 0),
      };
    } catch (error) {
      this.logger.warn('redis reassembler: unreadable set dropped', { error: (error as Error).message });
      return undefined;
    }
  }
}
