import { messageStateOf, receiptStateFromMessageState } from '../protocol/receipt/message-state.constants.js';
import type { LedgerEntry } from './message-ledger.interface.js';

/** Event kinds as stored (numbers in a byte column; a plain object, not a `const enum`: specs compile each file alone). */
export const LedgerEventKind = {
  Queued: 1,
  Submit: 2,
  Retry: 3,
  Submitted: 4,
  Failed: 5,
  Receipt: 6,
  /** A kind this log has no columns for (one added later): a copy of the entry is kept. */
  Other: 7,
} as const;
export type LedgerEventKind = (typeof LedgerEventKind)[keyof typeof LedgerEventKind];

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
 * Every message's events, in the order recorded, in one preallocated ring of columns: typed arrays for the
 * numbers, reference columns for the strings and objects an event names. Appending writes one cell and does
 * nothing else; the ledger links the cells into per-message chains (`link`) when someone reads.
 *
 * @remarks
 * Why a log, linked when read: the send path records three or more entries per message and almost nobody
 * reads them (a support query, a dashboard). Finding a message's slot (hashing its correlation id, probing an
 * index), evicting the oldest message and chaining its events cost the send path ~30% of the engine's CPU when
 * done per entry (bench/README.md, "Message ledger"); appending is a few stores. A read pays for the cells
 * appended since the last one, at most `capacity` of them.
 *
 * Why columns and not the entry objects: a log holds its cells for as long as it holds the message, tens of
 * thousands of them, so every object it kept would survive the young generation and be copied, promoted and
 * marked by the garbage collector. A cell is a few numbers written into arrays allocated once, plus references
 * to the strings the entry named; the entry is rebuilt when read.
 *
 * Sequence numbers: the n-th entry ever appended has sequence number n and lives in cell `n % capacity` until
 * `capacity` more are appended. Cells are reused oldest first, so a message whose first cell is still there
 * has all its later cells too.
 */
export class LedgerEventLog {
  readonly capacity: number;
  /** Entries appended so far: the sequence number of the next one. */
  written = 0;
  /** The ledger has linked every cell below this sequence number (it advances it). */
  indexed = 0;
  /** `queued` cells reused before the ledger linked them: messages forgotten before anyone read them. */
  unreadQueuedLost = 0;
  private cursor = 0;
  private readonly kind: Uint8Array;
  private readonly flag: Uint8Array;
  private readonly at: Float64Array;
  private readonly id: Array<string | undefined>;
  /** The message's next cell, or -1 (set by `link`, when read). */
  private readonly nextCell: Int32Array;
  /** part / attempt. */
  private readonly a: Int32Array;
  /** parts / delayMs / commandStatus (NaN: none). Float64: command_status is an unsigned 32-bit integer. */
  private readonly b: Float64Array;
  /** to / reason / messageIds / messageId / the entry (Other). */
  private readonly ref: unknown[];
  /** from / errorCode. */
  private readonly ref2: Array<string | undefined>;
  /** metadata of `queued`. */
  private readonly metadata: Array<Record<string, unknown> | undefined>;
  /** text of `queued` (with the ledger's `recordText`). */
  private readonly text: Array<string | undefined>;
  /** client of `queued` and `submit`. */
  private readonly client: Array<string | undefined>;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.kind = new Uint8Array(capacity);
    this.flag = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.id = new Array<string | undefined>(capacity).fill(undefined);
    this.nextCell = new Int32Array(capacity).fill(-1);
    this.a = new Int32Array(capacity);
    this.b = new Float64Array(capacity);
    this.ref = new Array<unknown>(capacity).fill(undefined);
    this.ref2 = new Array<string | undefined>(capacity).fill(undefined);
    this.metadata = new Array<Record<string, unknown> | undefined>(capacity).fill(undefined);
    this.text = new Array<string | undefined>(capacity).fill(undefined);
    this.client = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** Writes an entry into the next cell (the oldest, once the log is full). Keeps no reference to `entry`. */
  append(entry: LedgerEntry): void {
    const i = this.cursor;
    this.cursor = i + 1 === this.capacity ? 0 : i + 1;
    const seq = this.written++;
    // The cell's previous entry (sequence number seq - capacity) goes now; a `queued` one nobody read is a
    // message forgotten unread (the ledger counts it as purged).
    if (
      seq >= this.capacity &&
      this.kind[i] === LedgerEventKind.Queued &&
      seq - this.capacity >= this.indexed
    )
      this.unreadQueuedLost++;
    this.id[i] = entry.correlationId;
    this.at[i] = entry.at;
    // Every reference column is written for every kind, so a reused cell keeps nothing of its previous entry.
    switch (entry.type) {
      case 'queued':
        this.kind[i] = LedgerEventKind.Queued;
        this.ref[i] = entry.to;
        this.ref2[i] = entry.from;
        this.metadata[i] = entry.metadata;
        this.text[i] = entry.text;
        this.client[i] = entry.client;
        return;
      case 'submit':
        this.kind[i] = LedgerEventKind.Submit;
        this.a[i] = entry.part ?? -1;
        this.b[i] = entry.parts ?? NaN;
        this.flag[i] = entry.receiptRequested ? 1 : 0;
        this.ref[i] = entry.to;
        this.ref2[i] = entry.from;
        this.metadata[i] = undefined;
        this.text[i] = undefined;
        this.client[i] = entry.client;
        return;
      case 'submitted':
        this.kind[i] = LedgerEventKind.Submitted;
        this.a[i] = entry.attempt;
        // A one-part message keeps its id, not the array around it: one object fewer kept per message.
        this.ref[i] = entry.messageIds.length === 1 ? entry.messageIds[0] : entry.messageIds;
        break;
      case 'receipt':
        this.kind[i] = LedgerEventKind.Receipt;
        this.a[i] = entry.part;
        this.b[i] = entry.parts;
        this.flag[i] = messageStateOf(entry.state) | (entry.final ? RECEIPT_FINAL : 0);
        this.ref[i] = entry.messageId;
        this.ref2[i] = entry.errorCode;
        this.metadata[i] = undefined;
        this.text[i] = undefined;
        this.client[i] = undefined;
        return;
      case 'retry':
        this.kind[i] = LedgerEventKind.Retry;
        this.a[i] = entry.attempt;
        this.b[i] = entry.delayMs;
        this.ref[i] = entry.reason;
        break;
      case 'failed':
        this.kind[i] = LedgerEventKind.Failed;
        this.a[i] = entry.attempt;
        this.b[i] = entry.commandStatus ?? NaN;
        this.ref[i] = entry.reason;
        break;
      default:
        this.kind[i] = LedgerEventKind.Other;
        // A copy: the ledger promises to keep no reference to the entry (`copiesEntries`).
        this.ref[i] = { ...(entry as object) };
    }
    this.ref2[i] = undefined;
    this.metadata[i] = undefined;
    this.text[i] = undefined;
    this.client[i] = undefined;
  }

  /** The cell a sequence number is in. */
  cellOf(seq: number): number {
    return seq % this.capacity;
  }

  kindOf(cell: number): LedgerEventKind {
    return this.kind[cell] as LedgerEventKind;
  }

  idOf(cell: number): string {
    return this.id[cell]!;
  }

  /** When the cell's event happened (epoch ms). */
  atOf(cell: number): number {
    return this.at[cell]!;
  }

  /** The message fields a `queued` or `submit` cell names (others name none: all undefined). */
  toOf(cell: number): string | undefined {
    const kind = this.kind[cell];
    return kind === LedgerEventKind.Queued || kind === LedgerEventKind.Submit
      ? (this.ref[cell] as string)
      : undefined;
  }

  fromOf(cell: number): string | undefined {
    const kind = this.kind[cell];
    return kind === LedgerEventKind.Queued || kind === LedgerEventKind.Submit ? this.ref2[cell] : undefined;
  }

  metadataOf(cell: number): Record<string, unknown> | undefined {
    return this.metadata[cell];
  }

  textOf(cell: number): string | undefined {
    return this.text[cell];
  }

  clientOf(cell: number): string | undefined {
    return this.client[cell];
  }

  /** Chains `cell` after `previous` (-1: the message's first) as its message's last cell. */
  link(cell: number, previous: number): void {
    this.nextCell[cell] = -1;
    if (previous >= 0) this.nextCell[previous] = cell;
  }

  /** The cell after `cell` in its message's chain, or -1. */
  next(cell: number): number {
    return this.nextCell[cell]!;
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
    switch (this.kind[cell]) {
      case LedgerEventKind.Queued:
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
      case LedgerEventKind.Submit:
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
      case LedgerEventKind.Retry:
        return {
          type: 'retry',
          correlationId,
          at,
          attempt: a,
          reason: this.ref[cell] as string,
          delayMs: b,
        };
      case LedgerEventKind.Submitted: {
        const ids = this.ref[cell] as string | string[];
        return {
          type: 'submitted',
          correlationId,
          at,
          attempt: a,
          messageIds: typeof ids === 'string' ? [ids] : ids,
        };
      }
      case LedgerEventKind.Failed:
        return withDefined({
          type: 'failed',
          correlationId,
          at,
          attempt: a,
          reason: this.ref[cell] as string,
          commandStatus: Number.isNaN(b) ? undefined : b,
        });
      case LedgerEventKind.Receipt: {
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
