import type { LedgerState } from './ledger-state.js';
import type { FindMessagesQuery, MessageStatus } from './message-ledger.interface.js';

/** Most messages one `findMessages` returns, whatever `limit` says. */
export const MAX_FIND_LIMIT = 1000;

/** The query's limit: 100 by default, between 1 and {@link MAX_FIND_LIMIT}. */
export function queryLimit(query: FindMessagesQuery): number {
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`findMessages limit must be an integer ≥ 1, got ${String(limit)}`);
  return Math.min(limit, MAX_FIND_LIMIT);
}

/** The statuses the query asks for, or undefined for any. */
export function queryStatuses(query: FindMessagesQuery): MessageStatus[] | undefined {
  if (query.status === undefined) return undefined;
  return Array.isArray(query.status) ? query.status : [query.status];
}

/** Whether a message's state matches the query. */
export function matchesQuery(state: LedgerState, query: FindMessagesQuery): boolean {
  if (query.to !== undefined && state.to !== query.to) return false;
  const statuses = queryStatuses(query);
  if (statuses !== undefined && !statuses.includes(state.status)) return false;
  if (query.since !== undefined && state.createdAt < query.since.getTime()) return false;
  return true;
}
