/** One stream entry as Redis returns it: its id and its flat field/value list. */
export interface StreamEntry {
  id: string;
  /** `[field, value, field, value, ...]` as Redis sent them (strings, or Buffers from a buffer reply). */
  fields: unknown[];
}

/** The value of `name` in an entry (the first, as XADD allows repeats), or undefined. */
export function streamField(entry: StreamEntry, name: string): string | undefined {
  const flat = entry.fields;
  for (let i = 0; i + 1 < flat.length; i += 2) if (toText(flat[i]) === name) return toText(flat[i + 1]);
  return undefined;
}

function toText(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

/** Reads `[id, [field, value, ...]]`; null for the entries XAUTOCLAIM reports as deleted (Redis 6.2). */
export function parseStreamEntry(raw: unknown): StreamEntry | null {
  if (!Array.isArray(raw) || raw.length < 2 || !Array.isArray(raw[1])) return null;
  // Kept flat: a Map per entry cost an allocation and two inserts per message on the read path.
  return { id: toText(raw[0]), fields: raw[1] as unknown[] };
}

/**
 * Entries of an XREADGROUP reply, or none when the block timed out (null).
 *
 * @remarks
 * RESP2 answers `[[stream, entries], ...]`; RESP3 answers a map, which clients give as a `Map`, as
 * `[[stream, entries]]` (ioredis 6 for lower-case command names) or flat as `[stream, entries, ...]`.
 * `ids`, when given, receives every entry id in reply order, including entries deleted from the stream that
 * a read of the pending list still names (with no fields).
 */
export function parseReadGroupReply(reply: unknown, ids?: string[]): StreamEntry[] {
  const streams: unknown[] = [];
  if (reply instanceof Map) streams.push(...reply.values());
  else if (Array.isArray(reply)) {
    for (let i = 0; i < reply.length; i++) {
      const item: unknown = reply[i];
      if (Array.isArray(item)) streams.push(item[1]);
      else streams.push(reply[++i]);
    }
  }
  const entries: StreamEntry[] = [];
  for (const list of streams) {
    if (!Array.isArray(list)) continue;
    for (const raw of list as unknown[]) {
      const entry = parseStreamEntry(raw);
      if (entry) entries.push(entry);
      if (ids && Array.isArray(raw) && raw.length > 0) ids.push(toText(raw[0]));
    }
  }
  return entries;
}

/** An XAUTOCLAIM reply: the cursor to continue from (`'0-0'` when the scan is complete) and the entries. */
export function parseAutoClaimReply(reply: unknown): { cursor: string; entries: StreamEntry[] } {
  if (!Array.isArray(reply) || reply.length < 2) return { cursor: '0-0', entries: [] };
  const entries: StreamEntry[] = [];
  for (const raw of (reply[1] as unknown[]) ?? []) {
    const entry = parseStreamEntry(raw);
    if (entry) entries.push(entry);
  }
  return { cursor: toText(reply[0]), entries };
}

/** Delivery counts from an extended XPENDING reply (`[[id, consumer, idleMs, deliveries], ...]`). */
export function parsePendingCounts(reply: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  if (!Array.isArray(reply)) return counts;
  for (const row of reply) {
    if (Array.isArray(row) && row.length >= 4) counts.set(toText(row[0]), Number(row[3]));
  }
  return counts;
}
