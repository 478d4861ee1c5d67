import type { LedgerEntry, LedgerEvent, MessageHistory } from './message-ledger.interface.js';
import { toMessageSummary, type LedgerState } from './ledger-state.js';

/** An entry as a message's history keeps it: without the fields the message itself names (JSON-ready). */
export type StoredLedgerEvent = Omit<LedgerEvent, 'at'> & { at: number };

/** The stored form of an entry. */
export function toStoredEvent(entry: LedgerEntry): StoredLedgerEvent {
  const { correlationId: _id, ...rest } = entry;
  if ('client' in rest) {
    const { client: _client, ...event } = rest;
    return event as StoredLedgerEvent;
  }
  return rest as StoredLedgerEvent;
}

/** A state and its stored events as the public history, events oldest first. */
export function toMessageHistory(state: LedgerState, events: readonly StoredLedgerEvent[]): MessageHistory {
  const history = toMessageSummary(state) as MessageHistory;
  // Stable: events of the same millisecond keep the order they were recorded in.
  history.events = events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.at - b.event.at || a.i - b.i)
    .map(({ event }) => ({ ...event, at: new Date(event.at) }) as MessageHistory['events'][number]);
  return history;
}
