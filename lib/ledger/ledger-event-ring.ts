import { messageStateOf, receiptStateFromMessageState } from '../protocol/receipt/message-state.constants.js';
import type { LedgerEntry } from './message-ledger.interface.js';

/** Event kinds as stored. */
const enum Kind {
  Queued = 1,
  Submit,
  Retry,
  Submitted,
  Failed,
  Receipt,
  /** A kind this ring has no columns for (one added later): the entry object itself is kept. */
  Other,
}

/** Receipt cells: the message_state number in the low bits, the final flag above them. */
const RECEIPT_FINAL = 0x10;

/** The fields a message's entries share, kept once per message by the ledger (the cells do not repeat them). */
export interface LedgerMessageFields {
  correlationId: string;
  client: string | undefined;
  to: string | undefined;
  from: string | undefined;
  metadata: Record<string, unknown> | undefined;
  text: string | undefined;
}

/**
 * Every message's events in one preallocated ring of columns (typed arrays, and two reference columns for the
 * strings and arrays an event names), each message's events chained by index.
 *
 * @remarks
 * Why columns and not the entry objects: a ledger holds its entries for as long as it holds the message, tens of
 * thousands of them, so every object it keeps survives the young generation and is copied, promoted and marked
 * by the garbage collector; that was most of what the first in-memory ledger cost the send path (~10 µs per
 * message against the engine's ~10). A cell is a few numbers written into arrays allocated once; the entry is
 * rebuilt when someone reads the history. The ring reuses its oldest cell when full: the ledger forgets that
 * cell's message first (`onOverwrite`), so a history is never missing its beginning. A forgotten message's
 * cells are not cleared: they are dead (no slot's chain starts there) and are reused in turn.
 */
export class LedgerEventRing {
  readonly capacity: number;
  private readonly kind: Uint8Array;
  private readonly flag: Uint8Array;
  private readonly at: Float64Array;
  /** The message slot a cell belongs to. */
  private readonly owner: Int32Array;
  /** The message's next cell, or -1. */
  private readonly nextCell: Int32Array;
  /** part / attempt. */
  private readonly a: Int32Array;
  /** parts / delayMs / commandStatus (NaN: none). Float64: command_status is an unsigned 32-bit integer. */
  private readonly b: Float64Array;
  /** reason / messageIds / messageId / the entry (Other). */
  private readonly ref: unknown[];
  /** errorCode of a receipt. */
  private readonly ref2: Array<string | undefined>;
  private cursor = 0;

  constructor(
    capacity: number,
    /**
     * Called before a cell is reused, with the slot it was written for: the ledger forgets that slot's message
     * when the cell is still its first (a cell whose message was forgotten, or that was dropped, is dead).
     */
    private readonly onOverwrite: (slot: number, cell: number) => void,
  ) {
    this.capacity = capacity;
    this.kind = new Uint8Array(capacity);
    this.flag = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.owner = new Int32Array(capacity).fill(-1);
    this.nextCell = new Int32Array(capacity).fill(-1);
    this.a = new Int32Array(capacity);
    this.b = new Float64Array(capacity);
    this.ref = new Array<unknown>(capacity).fill(undefined);
    this.ref2 = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** Stores an entry for `slot` and links it after `previous` (-1 for the message's first); returns its cell. */
  push(slot: number, entry: LedgerEntry, previous: number): number {
    const i = this.cursor;
    this.cursor = i + 1 === this.capacity ? 0 : i + 1;
    // Cells are reused in the order they were taken, so a live message's first cell goes before its others.
    const owner = this.owner[i]!;
    if (owner >= 0) this.onOverwrite(owner, i);
    this.at[i] = entry.at;
    this.owner[i] = slot;
    this.nextCell[i] = -1;
    this.ref[i] = undefined;
    this.ref2[i] = undefined;
    if (previous >= 0) this.nextCell[previous] = i;
    switch (entry.type) {
      case 'queued':
        this.kind[i] = Kind.Queued;
        break;
      case 'submit':
        this.kind[i] = Kind.Submit;
        this.a[i] = entry.part ?? -1;
        this.b[i] = entry.parts ?? NaN;
        this.flag[i] = entry.receiptRequested ? 1 : 0;
        break;
      case 'retry':
        this.kind[i] = Kind.Retry;
        this.a[i] = entry.attempt;
        this.b[i] = entry.delayMs;
        this.ref[i] = entry.reason;
        break;
      case 'submitted':
        this.kind[i] = Kind.Submitted;
        this.a[i] = entry.attempt;
        // A one-part message keeps its id, not the array around it: one object fewer kept per message.
        this.ref[i] = entry.messageIds.length === 1 ? entry.messageIds[0] : entry.messageIds;
        break;
      case 'failed':
        this.kind[i] = Kind.Failed;
        this.a[i] = entry.attempt;
        this.b[i] = entry.commandStatus ?? NaN;
        this.ref[i] = entry.reason;
        break;
      case 'receipt':
        this.kind[i] = Kind.Receipt;
        this.a[i] = entry.part;
        this.b[i] = entry.parts;
        this.flag[i] = messageStateOf(entry.state) | (entry.final ? RECEIPT_FINAL : 0);
        this.ref[i] = entry.messageId;
        this.ref2[i] = entry.errorCode;
        break;
      default:
        this.kind[i] = Kind.Other;
        // A copy: the ledger promises to keep no reference to the entry (`copiesEntries`).
        this.ref[i] = { ...entry };
    }
    return i;
  }

  /** Gives a cell to another slot (its message was forgotten while the cell was written, and opened again). */
  relink(cell: number, slot: number): void {
    this.owner[cell] = slot;
  }

  /** The cell after `cell` in its message's chain, or -1. */
  next(cell: number): number {
    return this.nextCell[cell]!;
  }

  /** When the cell's event happened (epoch ms). */
  atOf(cell: number): number {
    return this.at[cell]!;
  }

  /** Unlinks the cell after `cell` from its chain (it becomes dead, reused in turn); returns the new next. */
  dropNext(cell: number): number {
    const dropped = this.nextCell[cell]!;
    if (dropped < 0) return -1;
    const after = this.nextCell[dropped]!;
    this.nextCell[cell] = after;
    return after;
  }

  /** The entry a cell holds, rebuilt (with the message's shared fields). */
  entryAt(cell: number, m: LedgerMessageFields): LedgerEntry {
    const at = this.at[cell]!;
    const correlationId = m.correlationId;
    const a = this.a[cell]!;
    const b = this.b[cell]!;
    switch (this.kind[cell] as Kind) {
      case Kind.Queued:
        return withDefined({
          type: 'queued',
          correlationId,
          at,
          client: m.client ?? '',
          to: m.to ?? '',
          from: m.from,
          metadata: m.metadata,
          text: m.text,
        });
      case Kind.Submit:
        return withDefined({
          type: 'submit',
          correlationId,
          at,
          client: m.client ?? '',
          to: m.to ?? '',
          from: m.from,
          part: a < 0 ? undefined : a,
          parts: Number.isNaN(b) ? undefined : b,
          receiptRequested: this.flag[cell] === 1,
        });
      case Kind.Retry:
        return {
          type: 'retry',
          correlationId,
          at,
          attempt: a,
          reason: this.ref[cell] as string,
          delayMs: b,
        };
      case Kind.Submitted: {
        const ids = this.ref[cell] as string | string[];
        return {
          type: 'submitted',
          correlationId,
          at,
          attempt: a,
          messageIds: typeof ids === 'string' ? [ids] : ids,
        };
      }
      case Kind.Failed:
        return withDefined({
          type: 'failed',
          correlationId,
          at,
          attempt: a,
          reason: this.ref[cell] as string,
          commandStatus: Number.isNaN(b) ? undefined : b,
        });
      case Kind.Receipt: {
        const flag = this.flag[cell]!;
        return withDefined({
          type: 'receipt',
          correlationId,
          at,
          messageId: this.ref[cell] as string,
          state: receiptStateFromMessageState(flag & ~RECEIPT_FINAL),
          final: (flag & RECEIPT_FINAL) !== 0,
          errorCode: this.ref2[cell],
          part: a,
          parts: b,
        });
      }
      default:
        return this.ref[cell] as LedgerEntry;
    }
  }
}

/** The entry without its undefined fields, as the history shows it (read time only). */
function withDefined<T extends object>(entry: T): T {
  for (const key of Object.keys(entry) as Array<keyof T>) if (entry[key] === undefined) delete entry[key];
  return entry;
}
