import type { SmppClientEvents } from './client-events.interface.js';
import type { SubmitSmInput } from './build-submit-pdus.js';
import { extractConcatInfo } from '../protocol/long-message/extract-concat-info.js';
import type { DirectLedgerWriter, LedgerEntry, MessageLedger } from '../ledger/message-ledger.interface.js';
import type { QueuedMessage } from '../queue/outbound-queue.interface.js';
import type { CorrelationEntry } from '../correlation/correlator.interface.js';
import type { DeliveryReceipt } from '../protocol/receipt/delivery-receipt.interface.js';
import { messageStateOf } from '../protocol/receipt/message-state.constants.js';
import type { SubmitOwner } from './submit-parts.js';
import { LoopClock } from './loop-clock.js';
import { BATCH_CAPACITY, BatchedFact, LedgerFactBatch, UUID_WORDS } from './ledger-fact-batch.js';
import { toError } from '../errors/to-error.js';

/** The event side of an `SmppClient` the ledger listens to. */
export interface LedgerEventSource {
  on<K extends keyof SmppClientEvents>(event: K, listener: (...args: SmppClientEvents[K]) => void): unknown;
  off<K extends keyof SmppClientEvents>(event: K, listener: (...args: SmppClientEvents[K]) => void): unknown;
}

/** esm_class UDHI (SMPP 3.4 §5.2.12): the short_message starts with a user data header. */
const UDHI = 0x40;

/** The handle a {@link DirectLedgerWriter} gave for a queued message, on the message itself. */
const HANDLE: unique symbol = Symbol('nestjs-naz ledger handle');
/** Which writer gave it: a handle means nothing to another ledger. */
const WRITER: unique symbol = Symbol('nestjs-naz ledger writer');

interface CarriesLedgerHandle {
  [HANDLE]?: number;
  [WRITER]?: DirectLedgerWriter;
}

/**
 * What the client tells the ledger directly, once per message (or part): `queued`, `submit`, `submitted` and
 * each correlated `receipt`.
 *
 * @remarks
 * Direct calls, not the client's events and hooks: an event costs the send path a payload object, the
 * emitter's listener-array copy once a second listener joins (the bench's, the Nest module's), and a hook
 * costs every part a context object and two calls. The rare facts (retry, failed) still come through the
 * events, see {@link recordClientInLedger}.
 *
 * More savings, each measured on the engine path (bench/README.md, "Message ledger"):
 * - A ledger with a {@link DirectLedgerWriter} (the in-memory one) gets the fields, no entry object, in one
 *   batch per event-loop turn ({@link LedgerFactBatch}): the send path only notes each fact, and the ledger's
 *   work runs in one loop when the turn ends (a `setImmediate`), or sooner when someone reads the ledger or
 *   records another fact. Out of the send path's functions it cost Node 24 1.17× the bare engine's CPU where
 *   it had cost 1.24×, and Node 20 the same as before (30 alternating rounds each, ninth pass). A `submit`
 *   fact reads its PDU when written, so a `beforeRequest` hook that changed it in the same turn is reflected.
 * - The handle the writer gives for a queued message rides on the message (two symbols shared by every client,
 *   as the built PDUs do), so the message's later facts name it without the ledger copying its id again.
 * - A ledger that copies entries (`copiesEntries`) gets one reused entry object per kind, so recording
 *   allocates nothing; others get a new object per entry, as they keep them.
 * - Times come from {@link LoopClock}: one `Date.now()` per event-loop turn instead of one per entry (~50 ns
 *   each here, three or more per message). A batch's facts share its turn's time.
 */
export class ClientLedgerRecorder {
  private readonly recordText: boolean;
  private readonly reuse: boolean;
  private readonly direct: DirectLedgerWriter | undefined;
  private readonly clock = new LoopClock();
  private readonly queuedEntry: Extract<LedgerEntry, { type: 'queued' }>;
  private readonly submitEntry: Extract<LedgerEntry, { type: 'submit' }>;
  private readonly submittedEntry: Extract<LedgerEntry, { type: 'submitted' }>;
  /** The direct writer's facts of this turn, not yet written. */
  private readonly batch = new LedgerFactBatch();
  private readonly writeBatchNow = (): void => this.writeBatch();
  /** Leaves the writer's batch sources; set while a batch is held (so a ledger never keeps an idle client). */
  private detachBatch: (() => void) | undefined;

  constructor(
    private readonly ledger: MessageLedger,
    private readonly client: string,
    private readonly warn: (message: string, error: Error) => void = () => undefined,
  ) {
    this.recordText = ledger.recordText === true;
    this.reuse = ledger.copiesEntries === true;
    this.direct = ledger.directWriter;
    this.queuedEntry = this.newQueued();
    this.submitEntry = this.newSubmit();
    this.submittedEntry = { type: 'submitted', correlationId: '', at: 0, attempt: 0, messageIds: [] };
  }

  /** `send()` put the message in the queue. */
  queued(message: QueuedMessage): void {
    if (this.direct !== undefined) {
      this.added(this.batch.addQueued(message));
      return;
    }
    const e = this.reuse ? this.queuedEntry : this.newQueued();
    e.correlationId = message.correlationId;
    e.at = this.clock.now();
    e.to = message.to;
    e.from = message.from;
    e.metadata = message.metadata;
    e.text = this.recordText ? message.text : undefined;
    this.ledger.record(e);
  }

  /**
   * A submit_sm of the message (one per part and attempt) is going out. `owner` is the queued message (the
   * send loop's) or any object naming the correlation id (a direct `submit()`).
   */
  submit(pdu: SubmitSmInput, owner: SubmitOwner): void {
    if (this.direct !== undefined) {
      this.added(this.batch.add(BatchedFact.Submit, owner, pdu, 0));
      return;
    }
    const e = this.reuse ? this.submitEntry : this.newSubmit();
    const concat = concatOf(pdu);
    e.correlationId = owner.correlationId;
    e.at = this.clock.now();
    e.to = pdu.destination_addr ?? '';
    e.from = senderOf(pdu);
    e.part = concat === undefined ? undefined : concat.seq - 1;
    e.parts = concat?.total;
    e.receiptRequested = asksForReceipt(pdu);
    this.ledger.record(e);
  }

  /** The SMSC accepted every part of `owner`'s message (see `submit`). */
  submitted(owner: SubmitOwner, messageIds: string[], attempt: number): void {
    if (this.direct !== undefined) {
      this.added(this.batch.add(BatchedFact.Submitted, owner, messageIds, attempt));
      return;
    }
    const correlationId = owner.correlationId;
    const at = this.clock.now();
    if (!this.reuse) {
      this.ledger.record({ type: 'submitted', correlationId, at, attempt, messageIds });
      return;
    }
    const e = this.submittedEntry;
    e.correlationId = correlationId;
    e.at = at;
    e.attempt = attempt;
    e.messageIds = messageIds;
    this.ledger.record(e);
  }

  /**
   * The message of `owner` (see `submit`) asked for receipts and its part is stored in the correlator as
   * `entry`: the entry carries the message's handle, so its receipts name the message by it (an in-memory
   * correlator hands back the very object; one read back from Redis has none, and goes by id).
   */
  correlating(entry: CorrelationEntry, owner: SubmitOwner): void {
    const from = owner as CarriesLedgerHandle;
    const writer = from[WRITER];
    if (writer === undefined) return;
    const to = entry as CarriesLedgerHandle;
    to[HANDLE] = from[HANDLE];
    to[WRITER] = writer;
  }

  /** A delivery receipt correlated to the message (and part) of `entry`. */
  receipt(entry: CorrelationEntry, receipt: DeliveryReceipt): void {
    if (this.direct !== undefined) {
      this.added(this.batch.add(BatchedFact.Receipt, entry, receipt, 0));
      return;
    }
    this.ledger.record({
      type: 'receipt',
      correlationId: entry.correlationId,
      at: this.clock.now(),
      messageId: receipt.messageId,
      state: receipt.state,
      final: receipt.final,
      part: entry.partIndex,
      parts: entry.partCount,
      errorCode: receipt.errorCode,
    });
  }

  /**
   * The time this recorder stamps facts with (epoch ms, read once per event-loop turn): the facts that come
   * through the client's events take it too, so a message's history never runs backwards within a turn.
   */
  now(): number {
    return this.clock.now();
  }

  /**
   * Writes the facts of the current batch to the direct writer (the ledger also asks for this before it reads
   * or takes another fact). A fact that fails to write is counted out with a warning; the rest are written.
   */
  writeBatch(): void {
    const batch = this.batch;
    const n = batch.count;
    if (n === 0) return;
    const direct = this.direct!;
    const at = batch.at;
    const kinds = batch.kind;
    const subjects = batch.subject;
    const details = batch.detail;
    // Emptied first: a fact recorded while this runs (none is expected) starts the next batch.
    batch.clear();
    this.detachBatch?.();
    this.detachBatch = undefined;
    for (let k = 0; k < n; k++) {
      try {
        switch (kinds[k]) {
          case BatchedFact.Queued:
            this.writeQueued(direct, subjects[k] as QueuedMessage, at, k);
            break;
          case BatchedFact.Submit:
            this.writeSubmit(direct, details[k] as SubmitSmInput, subjects[k] as SubmitOwner, at);
            break;
          case BatchedFact.Submitted: {
            const owner = subjects[k] as SubmitOwner;
            const ids = details[k] as string[];
            direct.appendSubmitted(
              this.handleOf(owner, direct),
              owner.correlationId,
              at,
              batch.attempt[k]!,
              ids,
            );
            break;
          }
          default:
            this.writeReceipt(direct, subjects[k] as CorrelationEntry, details[k] as DeliveryReceipt, at);
        }
      } catch (error) {
        this.warn('recording a fact in the message ledger failed', toError(error));
      }
    }
  }

  /**
   * Notes the batch's new count. Its first fact reads the time, schedules the write at the turn's end and joins
   * the writer's batch sources (so a read before then writes it first).
   */
  private added(count: number): void {
    if (count === 1) {
      this.batch.at = this.clock.now();
      setImmediate(this.writeBatchNow);
      this.detachBatch = this.direct!.attachBatchSource(this.writeBatchNow);
    } else if (count === BATCH_CAPACITY) this.writeBatch();
  }

  private writeQueued(direct: DirectLedgerWriter, message: QueuedMessage, at: number, k: number): void {
    const carrier = message as CarriesLedgerHandle;
    const batch = this.batch;
    carrier[HANDLE] = direct.appendQueued(
      message.correlationId,
      at,
      this.client,
      message.to,
      message.from,
      message.metadata,
      this.recordText ? message.text : undefined,
      batch.idCopied[k] === 1 ? batch.idWords : undefined,
      k * UUID_WORDS,
    );
    carrier[WRITER] = direct;
  }

  private writeSubmit(direct: DirectLedgerWriter, pdu: SubmitSmInput, owner: SubmitOwner, at: number): void {
    const concat = concatOf(pdu);
    direct.appendSubmit(
      this.handleOf(owner, direct),
      owner.correlationId,
      at,
      this.client,
      pdu.destination_addr ?? '',
      senderOf(pdu),
      concat === undefined ? undefined : concat.seq - 1,
      concat?.total,
      asksForReceipt(pdu),
    );
  }

  private writeReceipt(
    direct: DirectLedgerWriter,
    entry: CorrelationEntry,
    receipt: DeliveryReceipt,
    at: number,
  ): void {
    direct.appendReceipt(
      this.handleOf(entry, direct),
      entry.correlationId,
      at,
      receipt.messageId,
      messageStateOf(receipt.state),
      receipt.final,
      receipt.errorCode,
      entry.partIndex,
      entry.partCount,
    );
  }

  /** The handle `direct` gave for the message `owner` is, or -1 (another object, or another ledger's). */
  private handleOf(owner: object, direct: DirectLedgerWriter): number {
    const carrier = owner as CarriesLedgerHandle;
    return carrier[WRITER] === direct ? carrier[HANDLE]! : -1;
  }

  // Entries are written as whole literals (absent fields undefined, dropped when stored as JSON): one shape per
  // kind, whatever the message, so the ledger's reads of them stay monomorphic.
  private newQueued(): Extract<LedgerEntry, { type: 'queued' }> {
    return {
      type: 'queued',
      correlationId: '',
      at: 0,
      client: this.client,
      to: '',
      from: undefined,
      metadata: undefined,
      text: undefined,
    };
  }

  private newSubmit(): Extract<LedgerEntry, { type: 'submit' }> {
    return {
      type: 'submit',
      correlationId: '',
      at: 0,
      client: this.client,
      to: '',
      from: undefined,
      part: undefined,
      parts: undefined,
      receiptRequested: false,
    };
  }
}

/** The part a submit_sm is of a long message; the common one-part message skips parsing a header or TLVs. */
function concatOf(pdu: SubmitSmInput): { seq: number; total: number } | undefined {
  return ((pdu.esm_class ?? 0) & UDHI) !== 0 || pdu.tlvs?.sar_segment_seqnum !== undefined
    ? extractConcatInfo(pdu as Parameters<typeof extractConcatInfo>[0]).concat
    : undefined;
}

/** The sender a submit_sm names (a message queued without one takes the client's default). */
function senderOf(pdu: SubmitSmInput): string | undefined {
  return pdu.source_addr === '' || pdu.source_addr === undefined ? undefined : pdu.source_addr;
}

/** SMPP 3.4 §5.2.17: bits 1..0 = 01 asks for a receipt on success (and failure). */
function asksForReceipt(pdu: SubmitSmInput): boolean {
  return ((pdu.registered_delivery ?? 0) & 0x03) === 1;
}

/** What {@link recordClientInLedger} sets up. */
export interface LedgerRecording {
  /** For the client's direct calls (`queued`, `submit`, `submitted`, `receipt`). */
  recorder: ClientLedgerRecorder;
  /** Stops recording: removes the listeners and writes the facts the recorder still holds. */
  detach(): void;
}

/**
 * Records a client's messages in a ledger: `queued`, `submit`, `submitted` and `receipt` through the returned
 * recorder, which the client calls directly; `retry` and `failed` through the client's events of the same
 * names.
 */
export function recordClientInLedger(
  source: LedgerEventSource,
  ledger: MessageLedger,
  client: string,
  warn?: (message: string, error: Error) => void,
): LedgerRecording {
  const recorder = new ClientLedgerRecorder(ledger, client, warn);
  const listeners: Array<() => void> = [];
  const listen = <K extends keyof SmppClientEvents>(
    event: K,
    listener: (...args: SmppClientEvents[K]) => void,
  ): void => {
    source.on(event, listener);
    listeners.push(() => source.off(event, listener));
  };
  // The batch first: these facts come after the ones the client recorded before them.
  listen('retry', (e) => {
    recorder.writeBatch();
    ledger.record({
      type: 'retry',
      correlationId: e.correlationId,
      at: recorder.now(),
      attempt: e.attempt,
      reason: e.reason,
      delayMs: e.delayMs,
    });
  });
  listen('failed', (e) => {
    // A router's attempt is not the message's fate: the router records the failover or the failure itself.
    if (e.router !== undefined) return;
    recorder.writeBatch();
    ledger.record({
      type: 'failed',
      correlationId: e.correlationId,
      at: recorder.now(),
      attempt: e.attempts,
      reason: e.reason,
      commandStatus: e.commandStatus,
    });
  });
  return {
    recorder,
    detach: () => {
      listeners.splice(0).forEach((off) => off());
      recorder.writeBatch();
    },
  };
}
