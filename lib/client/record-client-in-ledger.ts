import type { SmppClientEvents } from './client-events.interface.js';
import type { SubmitSmInput } from './build-submit-pdus.js';
import { extractConcatInfo } from '../protocol/long-message/extract-concat-info.js';
import type { DirectLedgerWriter, LedgerEntry, MessageLedger } from '../ledger/message-ledger.interface.js';
import type { QueuedMessage } from '../queue/outbound-queue.interface.js';
import type { CorrelationEntry } from '../correlation/correlator.interface.js';
import type { DeliveryReceipt } from '../protocol/receipt/delivery-receipt.interface.js';
import { messageStateOf } from '../protocol/receipt/message-state.constants.js';
import type { SubmitOwner } from './submit-parts.js';

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
 * - A ledger with a {@link DirectLedgerWriter} (the in-memory one) gets the fields, no entry object. The
 *   handle it gives for a queued message rides on the message (two symbols shared by every client, as the
 *   built PDUs do), so the message's later facts name it without the ledger copying its id again.
 * - A ledger that copies entries (`copiesEntries`) gets one reused entry object per kind, so recording
 *   allocates nothing; others get a new object per entry, as they keep them.
 * - Times come from {@link LoopClock}: one `Date.now()` per event-loop turn instead of one per entry (~50 ns
 *   each here, three or more per message).
 */
export class ClientLedgerRecorder {
  private readonly recordText: boolean;
  private readonly reuse: boolean;
  private readonly direct: DirectLedgerWriter | undefined;
  private readonly clock = new LoopClock();
  private readonly queuedEntry: Extract<LedgerEntry, { type: 'queued' }>;
  private readonly submitEntry: Extract<LedgerEntry, { type: 'submit' }>;
  private readonly submittedEntry: Extract<LedgerEntry, { type: 'submitted' }>;

  constructor(
    private readonly ledger: MessageLedger,
    private readonly client: string,
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
    const direct = this.direct;
    if (direct !== undefined) {
      const carrier = message as CarriesLedgerHandle;
      carrier[HANDLE] = direct.appendQueued(
        message.correlationId,
        this.clock.now(),
        this.client,
        message.to,
        message.from,
        message.metadata,
        this.recordText ? message.text : undefined,
      );
      carrier[WRITER] = direct;
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
    // The common one-part message skips the parse of a user data header or SAR TLVs.
    const concat =
      ((pdu.esm_class ?? 0) & UDHI) !== 0 || pdu.tlvs?.sar_segment_seqnum !== undefined
        ? extractConcatInfo(pdu as Parameters<typeof extractConcatInfo>[0]).concat
        : undefined;
    const to = pdu.destination_addr ?? '';
    const from = pdu.source_addr === '' || pdu.source_addr === undefined ? undefined : pdu.source_addr;
    const part = concat === undefined ? undefined : concat.seq - 1;
    // SMPP 3.4 §5.2.17: bits 1..0 = 01 asks for a receipt on success (and failure).
    const receiptRequested = ((pdu.registered_delivery ?? 0) & 0x03) === 1;
    const direct = this.direct;
    if (direct !== undefined) {
      direct.appendSubmit(
        this.handleOf(owner, direct),
        owner.correlationId,
        this.clock.now(),
        this.client,
        to,
        from,
        part,
        concat?.total,
        receiptRequested,
      );
      return;
    }
    const e = this.reuse ? this.submitEntry : this.newSubmit();
    e.correlationId = owner.correlationId;
    e.at = this.clock.now();
    e.to = to;
    e.from = from;
    e.part = part;
    e.parts = concat?.total;
    e.receiptRequested = receiptRequested;
    this.ledger.record(e);
  }

  /** The SMSC accepted every part of `owner`'s message (see `submit`). */
  submitted(owner: SubmitOwner, messageIds: string[], attempt: number): void {
    const correlationId = owner.correlationId;
    const at = this.clock.now();
    const direct = this.direct;
    if (direct !== undefined) {
      direct.appendSubmitted(this.handleOf(owner, direct), correlationId, at, attempt, messageIds);
      return;
    }
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
    const at = this.clock.now();
    const direct = this.direct;
    if (direct !== undefined) {
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
      return;
    }
    this.ledger.record({
      type: 'receipt',
      correlationId: entry.correlationId,
      at,
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

/**
 * Epoch milliseconds, read once per event-loop turn: the first call of a turn reads `Date.now()`, the others
 * return that value until the turn ends (a `setImmediate` marks it stale).
 *
 * @remarks
 * The send path records three or more entries per message, most of them in turns that handle many messages
 * (a socket read of 100 responses, a producer's burst of `send()` calls); a clock read costs ~50 ns here. A
 * time read this way is at most one turn old: the client's turns are a window's worth of work (well under a
 * millisecond at window 100), and an entry's order in its message's history is its recording order.
 */
export class LoopClock {
  private cached = 0;
  private fresh = false;
  private readonly expire = (): void => {
    this.fresh = false;
  };

  now(): number {
    // The common case alone, so V8 inlines it into the three or more callers a message has.
    return this.fresh ? this.cached : this.read();
  }

  private read(): number {
    this.fresh = true;
    setImmediate(this.expire);
    return (this.cached = Date.now());
  }
}

/** What {@link recordClientInLedger} sets up. */
export interface LedgerRecording {
  /** For the client's direct calls (`queued`, `submit`, `submitted`, `receipt`). */
  recorder: ClientLedgerRecorder;
  /** Stops recording the facts that come through events (removes the listeners). */
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
): LedgerRecording {
  const recorder = new ClientLedgerRecorder(ledger, client);
  const listeners: Array<() => void> = [];
  const listen = <K extends keyof SmppClientEvents>(
    event: K,
    listener: (...args: SmppClientEvents[K]) => void,
  ): void => {
    source.on(event, listener);
    listeners.push(() => source.off(event, listener));
  };
  listen('retry', (e) =>
    ledger.record({
      type: 'retry',
      correlationId: e.correlationId,
      at: recorder.now(),
      attempt: e.attempt,
      reason: e.reason,
      delayMs: e.delayMs,
    }),
  );
  listen('failed', (e) => {
    // A router's attempt is not the message's fate: the router records the failover or the failure itself.
    if (e.router !== undefined) return;
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
    detach: () => listeners.splice(0).forEach((off) => off()),
  };
}
