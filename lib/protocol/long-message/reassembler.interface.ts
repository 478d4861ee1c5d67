import type { ConcatInfo } from './extract-concat-info.js';

/** One received part of a long message, as given to a reassembler. */
export interface IncomingPart {
  /** The sender (source_addr). */
  source: string;
  /** The recipient (destination_addr). */
  destination: string;
  /** Optional extra key, e.g. the client or session name, so equal addresses on two links never mix. */
  scope?: string;
  /** Reference, total and position (from `extractConcatInfo`). */
  concat: ConcatInfo;
  /** The part's user data, UDH removed. */
  payload: Buffer;
  /** UDH octets that preceded `payload` (packed GSM needs them for fill bits). @default 0 */
  headerLength?: number;
  /** The part's data_coding. */
  dataCoding: number;
  /**
   * Anything the caller wants back with the joined message (the client passes the part's PDU). Kept by the
   * in-process `Reassembler`; a shared store (`RedisReassembler`) does not keep it.
   */
  attachment?: unknown;
}

/** A received part as kept and returned in order. */
export interface ReceivedPart {
  seq: number;
  payload: Buffer;
  headerLength: number;
  dataCoding: number;
  /** The `attachment` the part came with, when the reassembler keeps it. */
  attachment?: unknown;
}

/** Identifies one long message being reassembled. */
export interface ReassemblyKey {
  /** Opaque key built from scope, source, destination, method, reference and total. */
  key: string;
  source: string;
  destination: string;
  scope?: string;
  method: ConcatInfo['method'];
  reference: number;
  total: number;
}

/** A long message whose parts are all in. */
export interface ReassembledMessage extends ReassemblyKey {
  /** The data_coding of part 1 (senders use one data_coding for all parts). */
  dataCoding: number;
  /** Every part, ordered by seq. */
  parts: ReceivedPart[];
  /** The parts' payloads concatenated in order. Decode with `decodeReassembled` (packed GSM needs the parts). */
  bytes: Buffer;
}

/** A long message given up before all its parts arrived. */
export interface IncompleteMessage extends ReassemblyKey {
  /**
   * Why it was given up: `'expired'` (timeoutMs after its first part), `'evicted'` (maxOpenSets reached,
   * oldest set dropped), or `'flushed'` (`flush()`, e.g. on shutdown).
   */
  reason: 'expired' | 'evicted' | 'flushed';
  /** Sequence numbers received, ascending. */
  received: number[];
  /** Sequence numbers never received, ascending. */
  missing: number[];
  /** The parts that did arrive, ordered by seq: enough to deliver a partial message if you choose to. */
  parts: ReceivedPart[];
  /** Clock time of the first and the latest part. */
  firstSeenAt: number;
  lastSeenAt: number;
}

/**
 * What the client needs from a reassembler. Methods may return promises, so a shared store (e.g. Redis,
 * for several instances behind one SMSC account) can implement it; the in-memory `Reassembler` is
 * synchronous.
 */
export interface MessageReassembler {
  /** Adds a part; returns the whole message once its last missing part arrives, else `undefined`. */
  push(part: IncomingPart): ReassembledMessage | undefined | Promise<ReassembledMessage | undefined>;
  /** Gives up sets older than the timeout and returns them (plus any evictions not yet reported). */
  sweep(): IncompleteMessage[] | Promise<IncompleteMessage[]>;
  /** Gives up every open set (e.g. on shutdown) and returns them. */
  flush(): IncompleteMessage[] | Promise<IncompleteMessage[]>;
}
