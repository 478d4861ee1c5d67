import { messageStateOf, receiptStateFromMessageState } from '../protocol/receipt/message-state.constants.js';
import { FixedWidthStrings } from './fixed-width-strings.js';
import type { DirectLedgerWriter, LedgerEntry } from './message-ledger.interface.js';

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

/** Widths of the copied strings (see {@link FixedWidthStrings}): a UUID correlation id; an MSISDN or a message id. */
const ID_WIDTH = 40;
const SHORT_WIDTH = 24;

/**
 * Every message's events, in the order recorded, in one preallocated ring of columns: typed arrays for the
 * numbers, strings copied into byte columns, reference columns for the rest. Appending writes one cell and does
 * nothing else; the ledger links the cells into per-message chains (`link`) when someone reads.
 *
 * @remarks
 * Why a log, linked when read: the send path records three or more entries per message and almost nobody
 * reads them (a support query, a dashboard). Finding a message's slot (hashing its correlation id, probing an
 * index), evicting the oldest message and chaining its events cost the send path most of what the ledger cost
 * when done per entry (bench/README.md, "Message ledger"); appending is a few stores. A read pays for the cells
 * appended since the last one, at most `capacity` of them.
 *
 * Why columns and not the entry objects, and copied strings: a log holds its cells for as long as it holds the
 * message, tens of thousands of them, so every object it kept would survive the young generation and be
 * copied, promoted and marked by the garbage collector. The entry is rebuilt when read.
 *
 * Handles: `appendQueued` returns the sequence number of the `queued` cell, which the client keeps on the
 * message; its `submit` and `submitted` cells then name the message by that number instead of copying its id
 * again (`appendSubmit`, `appendSubmitted` with a handle; -1 when the message came without one, e.g. from a
 * durable queue). A handle whose `queued` cell was reused names a message the log has forgotten: that fact is
 * written by id, as `append()` would, so it starts a new history of its id rather than vanish.
 *
 * Sequence numbers: the n-th entry ever appended has sequence number n and lives in cell `n % capacity` until
 * `capacity` more are appended. Cells are reused oldest first, so a message whose first cell is still there
 * has all its later cells too.
 */
export class LedgerEventLog implements DirectLedgerWriter {
  readonly capacity: number;
  /** Entries appended so far: the sequence number of the next one. */
  written = 0;
  /** The ledger has linked every cell below this sequence number (it advances it). */
  indexed = 0;
  /** `queued` cells reused before the ledger linked them: messages forgotten before anyone read them. */
  unreadQueuedLost = 0;
  private cursor = 0;
  /** Writers that hold facts back to write them in batches (`attachBatchSource`). */
  private readonly batchSources: Array<() => void> = [];
  private readonly kind: Uint8Array;
  private readonly flag: Uint8Array;
  private readonly at: Float64Array;
  /** The correlation id (absent in a cell that names its message by handle). */
  private readonly ids: FixedWidthStrings;
  /** The sequence number of the message's `queued` cell, or -1 (the cell names its message by id). */
  private readonly handle: Float64Array;
  /** to of `queued` and `submit`; the message id of a one-part `submitted` and of a `receipt`. */
  private readonly short: FixedWidthStrings;
  /** part / attempt. */
  private readonly a: Int32Array;
  /** parts / delayMs / commandStatus (NaN: none). Float64: command_status is an unsigned 32-bit integer. */
  private readonly b: Float64Array;
  /** metadata (queued) / reason / messageIds of several parts / the entry (Other). */
  private readonly ref: unknown[];
  /** from / an errorCode that is not three digits. */
  private readonly ref2: Array<string | undefined>;
  /** A receipt's errorCode of three digits, as a number (`NO_CODE`: none; `CODE_IN_REF2`: in `ref2`). */
  private readonly code: Int16Array;
  /** client of `queued` and `submit`. */
  private readonly client: Array<string | undefined>;
  /** text of `queued` (with the ledger's `recordText`). */
  private readonly text: Array<string | undefined>;
  /** The message's next cell, or -1 (set by `link`, when read). */
  private readonly nextCell: Int32Array;
  /** The ledger's slot a cell was linked to (set when read): how a handle finds its message. */
  private readonly slot: Int32Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.kind = new Uint8Array(capacity);
    this.flag = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.ids = new FixedWidthStrings(capacity, ID_WIDTH);
    this.handle = new Float64Array(capacity).fill(-1);
    this.short = new FixedWidthStrings(capacity, SHORT_WIDTH);
    this.a = new Int32Array(capacity);
    this.b = new Float64Array(capacity);
    this.ref = new Array<unknown>(capacity).fill(undefined);
    this.ref2 = new Array<string | undefined>(capacity).fill(undefined);
    this.code = new Int16Array(capacity);
    this.client = new Array<string | undefined>(capacity).fill(undefined);
    this.text = new Array<string | undefined>(capacity).fill(undefined);
    this.nextCell = new Int32Array(capacity).fill(-1);
    this.slot = new Int32Array(capacity).fill(-1);
  }

  /**
   * A `queued` entry, by its fields; returns its sequence number (the message's handle). `idWords` from
   * `idWordsAt` on: the id's bytes as nine words, when the caller has them (see `DirectLedgerWriter`).
   */
  appendQueued(
    correlationId: string,
    at: number,
    client: string,
    to: string,
    from: string | undefined,
    metadata: Record<string, unknown> | undefined,
    text: string | undefined,
    idWords?: Int32Array,
    idWordsAt?: number,
  ): number {
    const seq = this.written;
    const i = this.take(LedgerEventKind.Queued, at);
    // Most ids are the client's own, copied as words when `send()` made them: not read char by char here.
    if (idWords === undefined || !this.ids.setUuidWords(i, idWords, idWordsAt!))
      this.ids.set(i, correlationId);
    this.handle[i] = -1;
    this.short.set(i, to);
    this.ref[i] = metadata;
    this.ref2[i] = from;
    this.client[i] = client;
    this.text[i] = text;
    return seq;
  }

  /** A `submit` entry, by its fields: for the message of `handle`, or (handle -1) of `correlationId`. */
  appendSubmit(
    handle: number,
    correlationId: string,
    at: number,
    client: string,
    to: string,
    from: string | undefined,
    part: number | undefined,
    parts: number | undefined,
    receiptRequested: boolean,
  ): void {
    // A handle whose `queued` cell was reused (or is the one this fact takes) names a forgotten message: the
    // fact goes by id instead.
    if (handle <= this.written - this.capacity) handle = -1;
    const i = this.take(LedgerEventKind.Submit, at);
    this.a[i] = part ?? -1;
    this.b[i] = parts ?? NaN;
    this.flag[i] = receiptRequested ? 1 : 0;
    this.ref[i] = undefined;
    this.text[i] = undefined;
    // The sender: a message queued without one takes the client's default, which only the submit_sm names.
    this.ref2[i] = from;
    if (handle >= 0) {
      // The message's other fields are in its `queued` cell.
      this.handle[i] = handle;
      this.ids.set(i, undefined);
      this.short.set(i, undefined);
      this.client[i] = undefined;
      return;
    }
    this.handle[i] = -1;
    this.ids.set(i, correlationId);
    this.short.set(i, to);
    this.client[i] = client;
  }

  /** A `submitted` entry, by its fields: for the message of `handle`, or (handle -1) of `correlationId`. */
  appendSubmitted(
    handle: number,
    correlationId: string,
    at: number,
    attempt: number,
    messageIds: string[],
  ): void {
    if (handle <= this.written - this.capacity) handle = -1;
    const i = this.take(LedgerEventKind.Submitted, at);
    this.a[i] = attempt;
    this.handle[i] = handle;
    this.ids.set(i, handle >= 0 ? undefined : correlationId);
    // A one-part message's id is copied; the array of several parts is kept.
    if (messageIds.length === 1) {
      this.short.set(i, messageIds[0]);
      this.ref[i] = undefined;
    } else {
      this.short.set(i, undefined);
      this.ref[i] = messageIds;
    }
    this.ref2[i] = undefined;
    this.client[i] = undefined;
    this.text[i] = undefined;
  }

  /**
   * A `receipt` entry, by its fields (`state`: the message_state number): for the message of `handle`, or
   * (handle -1) of `correlationId`.
   */
  appendReceipt(
    handle: number,
    correlationId: string,
    at: number,
    messageId: string,
    state: number,
    final: boolean,
    errorCode: string | undefined,
    part: number,
    parts: number,
  ): void {
    if (handle <= this.written - this.capacity) handle = -1;
    const i = this.take(LedgerEventKind.Receipt, at);
    this.a[i] = part;
    this.b[i] = parts;
    this.flag[i] = state | (final ? RECEIPT_FINAL : 0);
    this.handle[i] = handle;
    this.ids.set(i, handle >= 0 ? undefined : correlationId);
    this.short.set(i, messageId);
    // The receipt text's `err:` is three digits in practice: kept as a number, so the ledger holds no young
    // string per receipt (a string it kept would be copied and promoted by the collector).
    const code = threeDigits(errorCode);
    this.code[i] = code;
    this.ref2[i] = code === CODE_IN_REF2 ? errorCode : undefined;
    this.ref[i] = undefined;
    this.client[i] = undefined;
    this.text[i] = undefined;
  }

  /** See {@link DirectLedgerWriter.attachBatchSource}. */
  attachBatchSource(writeBatch: () => void): () => void {
    this.batchSources.push(writeBatch);
    return () => {
      const at = this.batchSources.indexOf(writeBatch);
      if (at >= 0) this.batchSources.splice(at, 1);
    };
  }

  /** Has every attached source write the facts it holds: before a read, and before any fact `append` takes. */
  writeBatches(): void {
    if (this.batchSources.length === 0) return;
    // A source leaves the list as it writes: a copy to walk.
    for (const writeBatch of this.batchSources.slice()) writeBatch();
  }

  /**
   * Writes any entry into the next cell (the oldest, once the log is full), after the facts batch sources hold
   * (which were recorded before it). Keeps no reference to `entry`.
   */
  append(entry: LedgerEntry): void {
    this.writeBatches();
    switch (entry.type) {
      case 'queued':
        this.appendQueued(
          entry.correlationId,
          entry.at,
          entry.client,
          entry.to,
          entry.from,
          entry.metadata,
          entry.text,
        );
        return;
      case 'submit':
        this.appendSubmit(
          -1,
          entry.correlationId,
          entry.at,
          entry.client,
          entry.to,
          entry.from,
          entry.part,
          entry.parts,
          entry.receiptRequested,
        );
        return;
      case 'submitted':
        this.appendSubmitted(-1, entry.correlationId, entry.at, entry.attempt, entry.messageIds);
        return;
    }
    let i: number;
    // Every column a kind does not use is cleared, so a reused cell keeps nothing of its previous entry.
    switch (entry.type) {
      case 'receipt':
        this.appendReceipt(
          -1,
          entry.correlationId,
          entry.at,
          entry.messageId,
          messageStateOf(entry.state),
          entry.final,
          entry.errorCode,
          entry.part,
          entry.parts,
        );
        return;
      case 'retry':
        i = this.take(LedgerEventKind.Retry, entry.at);
        this.a[i] = entry.attempt;
        this.b[i] = entry.delayMs;
        this.ref[i] = entry.reason;
        break;
      case 'failed':
        i = this.take(LedgerEventKind.Failed, entry.at);
        this.a[i] = entry.attempt;
        this.b[i] = entry.commandStatus ?? NaN;
        this.ref[i] = entry.reason;
        break;
      default:
        i = this.take(LedgerEventKind.Other, entry.at);
        // A copy: the ledger promises to keep no reference to the entry (`copiesEntries`).
        this.ref[i] = { ...(entry as object) };
    }
    this.ids.set(i, entry.correlationId);
    this.handle[i] = -1;
    this.short.set(i, undefined);
    this.ref2[i] = undefined;
    this.client[i] = undefined;
    this.text[i] = undefined;
  }

  /** Takes the next cell for an entry of `kind` at `at`; returns it. */
  private take(kind: LedgerEventKind, at: number): number {
    const i = this.cursor;
    this.cursor = i + 1 === this.capacity ? 0 : i + 1;
    const seq = this.written++;
    // The cell's previous entry (sequence number seq - capacity) goes now; a `queued` one nobody read is a
    // message forgotten unread (the ledger counts it as purged). Every operand is read on every call, with no
    // branch: code that first ran when the log wraps (~27,000 messages in, at the defaults) would have no type
    // feedback yet, and V8 would throw away the optimised send path that inlines this and compile it again.
    const previous = this.kind[i];
    const indexed = this.indexed;
    this.unreadQueuedLost +=
      (previous === LedgerEventKind.Queued ? 1 : 0) & (seq - this.capacity >= indexed ? 1 : 0);
    this.kind[i] = kind;
    this.at[i] = at;
    return i;
  }

  /** The cell a sequence number is in. */
  cellOf(seq: number): number {
    return seq % this.capacity;
  }

  kindOf(cell: number): LedgerEventKind {
    return this.kind[cell] as LedgerEventKind;
  }

  /** The correlation id a cell names, or undefined when it names its message by handle. */
  idOf(cell: number): string | undefined {
    return this.ids.get(cell);
  }

  /** The handle (`queued` sequence number) a cell names its message by, or -1. */
  handleOf(cell: number): number {
    return this.handle[cell]!;
  }

  /** When the cell's event happened (epoch ms). */
  atOf(cell: number): number {
    return this.at[cell]!;
  }

  /** The message fields a `queued` or `submit` cell names (others name none: all undefined). */
  toOf(cell: number): string | undefined {
    const kind = this.kind[cell];
    return kind === LedgerEventKind.Queued || kind === LedgerEventKind.Submit
      ? this.short.get(cell)
      : undefined;
  }

  fromOf(cell: number): string | undefined {
    const kind = this.kind[cell];
    return kind === LedgerEventKind.Queued || kind === LedgerEventKind.Submit ? this.ref2[cell] : undefined;
  }

  metadataOf(cell: number): Record<string, unknown> | undefined {
    return this.kind[cell] === LedgerEventKind.Queued
      ? (this.ref[cell] as Record<string, unknown>)
      : undefined;
  }

  textOf(cell: number): string | undefined {
    return this.text[cell];
  }

  clientOf(cell: number): string | undefined {
    return this.client[cell];
  }

  /** A receipt cell's errorCode. */
  private errorCodeOf(cell: number): string | undefined {
    const code = this.code[cell]!;
    if (code === NO_CODE) return undefined;
    if (code === CODE_IN_REF2) return this.ref2[cell];
    return String(code).padStart(3, '0');
  }

  /** The ledger's slot the cell was linked to (-1: none yet). */
  slotOf(cell: number): number {
    return this.slot[cell]!;
  }

  /** Chains `cell`, of the ledger's `slot`, after `previous` (-1: the message's first) as its last cell. */
  link(cell: number, slot: number, previous: number): void {
    this.slot[cell] = slot;
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
        const one = this.short.get(cell);
        return {
          type: 'submitted',
          correlationId,
          at,
          attempt: a,
          messageIds: one === undefined ? (this.ref[cell] as string[]) : [one],
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
          messageId: this.short.get(cell)!,
          state: receiptStateFromMessageState(flag & ~RECEIPT_FINAL),
          final: (flag & RECEIPT_FINAL) !== 0,
          errorCode: this.errorCodeOf(cell),
          part: a,
          parts: b,
        });
      }
      default:
        return this.ref[cell] as LedgerEntry;
    }
  }
}

/** `code` column: the receipt has no errorCode. */
const NO_CODE = -1;
/** `code` column: the errorCode is not three digits; `ref2` holds it. */
const CODE_IN_REF2 = -2;

/** A three-digit errorCode as its number; else {@link NO_CODE} (none) or {@link CODE_IN_REF2}. */
function threeDigits(errorCode: string | undefined): number {
  if (errorCode === undefined) return NO_CODE;
  if (errorCode.length !== 3) return CODE_IN_REF2;
  const d0 = errorCode.charCodeAt(0) - 48;
  const d1 = errorCode.charCodeAt(1) - 48;
  const d2 = errorCode.charCodeAt(2) - 48;
  // Unsigned: a character below '0' wraps to a large number.
  return d0 >>> 0 <= 9 && d1 >>> 0 <= 9 && d2 >>> 0 <= 9 ? d0 * 100 + d1 * 10 + d2 : CODE_IN_REF2;
}

/** The entry without its undefined fields, as the history shows it (read time only). */
function withDefined<T extends object>(entry: T): T {
  for (const key of Object.keys(entry) as Array<keyof T>) if (entry[key] === undefined) delete entry[key];
  return entry;
}
