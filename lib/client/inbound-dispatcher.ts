import { formatStatus } from '../protocol/command-status.js';
import type { CorrelationEntry } from '../correlation/correlator.interface.js';
import {
  EarlyReceiptHold,
  type EarlyReceiptRelease,
  type HeldReceipt,
} from '../correlation/early-receipt-hold.js';
import { decodeReassembled } from '../protocol/long-message/decode-reassembled.js';
import { extractConcatInfo } from '../protocol/long-message/extract-concat-info.js';
import type {
  IncompleteMessage,
  MessageReassembler,
} from '../protocol/long-message/reassembler.interface.js';
import type { DataSm, DeliverSm } from '../protocol/pdu.types.js';
import type { DeliveryReceipt } from '../protocol/receipt/index.js';
import { isDeliveryReceipt } from '../protocol/receipt/is-delivery-receipt.js';
import { parseDeliveryReceipt } from '../protocol/receipt/parse-delivery-receipt.js';
import type { DeliveryReceiptEvent, InboundMessageEvent } from './client-events.interface.js';
import type { ClientContext } from './client-context.js';
import { toError } from '../errors/to-error.js';
import { isThenable } from './is-thenable.js';
import {
  IDS_IN_WARNING,
  UncorrelatedReceiptWarnings,
  type UncorrelatedReceiptsReport,
} from './uncorrelated-receipt-warnings.js';

/** An application handler awaited before the deliver_sm_resp goes out. */
export type InboundHandler<E> = (event: E) => unknown;

/** A receipt waiting for its message id. */
interface EarlyReceipt {
  receipt: DeliveryReceipt;
  pdu: DeliverSm | DataSm;
}

const RELEASE_REASONS: Record<EarlyReceiptRelease, string> = {
  expired: 'no submit_sm_resp stored their message id within correlation.earlyReceiptHoldMs',
  overflow: 'correlation.maxEarlyReceipts receipts were already held (the oldest leave first)',
  stopped: 'the client stopped before their message id was stored',
};

/**
 * Handles every deliver_sm / data_sm of the client's sessions and decides the command_status of the response.
 *
 * @remarks
 * - Delivery receipts (esm_class message type 0001 or 1000, SMPP 3.4 §5.2.12) are parsed (TLVs preferred over
 *   the Appendix B text), their message id normalised and looked up in the correlator, and reported with the
 *   caller's correlationId, metadata and part index.
 * - A receipt whose id is not known yet may have overtaken its submit_sm_resp: it is answered ESME_ROK at once
 *   (the SMSC is never held up) and held in an {@link EarlyReceiptHold} until the id is stored, here or on
 *   another replica, then reported; after `correlation.earlyReceiptHoldMs` it is reported without
 *   correlationId, with a warning. Handlers of a held receipt run when it leaves the hold: a throw is logged,
 *   as the SMSC will not deliver it again.
 * - Mobile-originated messages: parts of long ones (UDH 8/16-bit or SAR) are joined by the reassembler first;
 *   text is decoded with the codec registry (an unknown data_coding yields the bytes and the code, no text).
 * - Handlers registered with `addInboundHandler` are awaited before the response; a throw answers
 *   `inboundErrorStatus` (default ESME_RX_T_APPN, so the SMSC redelivers later) and is reported as a warning.
 *   Events are emitted too, for listeners.
 */
export class InboundDispatcher {
  private readonly receiptHandlers = new Set<InboundHandler<DeliveryReceiptEvent>>();
  private readonly messageHandlers = new Set<InboundHandler<InboundMessageEvent>>();
  /** Undefined when `correlation.earlyReceiptHoldMs` is 0. */
  private readonly early: EarlyReceiptHold<EarlyReceipt> | undefined;
  /** At most one warning line per release reason a second (a flood of foreign receipts is one line each). */
  private readonly uncorrelatedWarnings = new UncorrelatedReceiptWarnings((report) =>
    this.warnUncorrelated(report),
  );

  constructor(
    private readonly ctx: ClientContext,
    private readonly reassembler: MessageReassembler,
  ) {
    const { earlyReceiptHoldMs, maxEarlyReceipts } = ctx.options.correlation;
    if (earlyReceiptHoldMs > 0) {
      this.early = new EarlyReceiptHold<EarlyReceipt>({
        correlator: ctx.correlator,
        holdMs: earlyReceiptHoldMs,
        maxHeld: maxEarlyReceipts,
        onCorrelated: (held, entry) => this.onHeldCorrelated(held, entry),
        onUncorrelated: (released, reason) => this.onHeldUncorrelated(released, reason),
        onError: (message, error) => ctx.warn(message, error),
      });
    }
  }

  /** Early receipts waiting for their message id now. */
  get heldReceipts(): number {
    return this.early?.size ?? 0;
  }

  /** `correlator.put` completed in this process: a receipt held for that id leaves correlated. */
  correlationStored(entry: CorrelationEntry): void {
    // Once per accepted submit: a size check when nothing is held.
    if (this.early !== undefined && this.early.size > 0) this.early.resolve(entry);
  }

  /** Reports every receipt still held (after a last look in the correlator); later ones are not held. */
  async closeEarlyReceipts(): Promise<void> {
    await this.early?.close();
    this.uncorrelatedWarnings.flush();
  }

  /** Registers a handler; returns the function that removes it. */
  add(kind: 'message', handler: InboundHandler<InboundMessageEvent>): () => void;
  add(kind: 'deliveryReceipt', handler: InboundHandler<DeliveryReceiptEvent>): () => void;
  add(kind: 'message' | 'deliveryReceipt', handler: InboundHandler<never>): () => void {
    const set = (kind === 'message' ? this.messageHandlers : this.receiptHandlers) as Set<
      InboundHandler<never>
    >;
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  /** The session's inbound handler: resolves with the command_status of the deliver_sm_resp / data_sm_resp. */
  handle(pdu: DeliverSm | DataSm, session: number): number | Promise<number> {
    this.ctx.counters.inbound++;
    try {
      if (isDeliveryReceipt(pdu.esm_class)) return this.onReceipt(pdu);
      return this.onMessage(pdu, session);
    } catch (error) {
      return this.handlerFailed('inbound processing failed', error, pdu);
    }
  }

  /** Reports long messages given up (expired, evicted) as warnings; called periodically and on stop. */
  async sweep(flush = false): Promise<void> {
    let reports: IncompleteMessage[];
    try {
      reports = await (flush ? this.reassembler.flush() : this.reassembler.sweep());
    } catch (error) {
      this.ctx.warn('reassembler sweep failed', toError(error));
      return;
    }
    for (const r of reports) {
      this.ctx.warn(
        `incomplete long message from ${r.source} to ${r.destination} ${r.reason}: received parts ` +
          `[${r.received.join(', ')}] of ${r.total}, missing [${r.missing.join(', ')}] (reference ${r.reference})`,
        undefined,
        { source: r.source, destination: r.destination, reference: r.reference, reason: r.reason },
      );
    }
  }

  /**
   * A receipt: parsed, looked up in the correlator, reported. Synchronous when it can be (a correlator that
   * answers at once, as the in-memory one does, and handlers that return no promise): the session then
   * answers the deliver_sm without a promise. With an async function per receipt (and one per lookup and
   * per delivery) the promises and their reactions were the receipt path's largest share of garbage
   * (~1 KB per receipt in `npm run bench:profile` with `PROFILE_RECEIPTS=1`).
   */
  private onReceipt(pdu: DeliverSm | DataSm): number | Promise<number> {
    const { ctx } = this;
    const receipt = parseDeliveryReceipt(pdu);
    ctx.counters.receipts++;
    if (receipt === undefined) {
      ctx.warn('delivery receipt without a message id; acknowledged and ignored', undefined, {
        esm_class: pdu.esm_class,
        sequence_number: pdu.sequence_number,
      });
      return 0;
    }
    const id = ctx.options.correlation.normalizeMessageId(receipt.messageId);
    const found = this.lookupNow(id);
    if (!isThenable(found)) return this.report(receipt, id, found, pdu);
    return this.onReceiptLater(receipt, id, found, pdu);
  }

  /**
   * The rest of {@link onReceipt} when the correlator answers with a promise. An id not known yet is no reason
   * to wait here: `report` holds the receipt until the submit_sm_resp naming it is stored.
   */
  private async onReceiptLater(
    receipt: DeliveryReceipt,
    id: string,
    found: PromiseLike<CorrelationEntry | undefined>,
    pdu: DeliverSm | DataSm,
  ): Promise<number> {
    return this.report(receipt, id, await this.settleLookup(found), pdu);
  }

  /** Counts, forgets a finished entry, and delivers the receipt event (or holds an early receipt). */
  private report(
    receipt: DeliveryReceipt,
    id: string,
    entry: CorrelationEntry | undefined,
    pdu: DeliverSm | DataSm,
  ): number | Promise<number> {
    const { ctx } = this;
    if (entry !== undefined) {
      const event = this.correlated(receipt, pdu, id, entry);
      return this.deliver(this.receiptHandlers, 'deliveryReceipt', event, pdu);
    }
    if (this.early !== undefined) {
      // Perhaps early: its submit_sm_resp is still to come (here or on another replica). Answered at once.
      ctx.counters.receiptsEarly++;
      this.early.hold(id, { receipt, pdu });
      return 0;
    }
    ctx.counters.receiptsUncorrelated++;
    if (ctx.logger.isDebugEnabled?.() ?? false) {
      ctx.logger.debug('receipt for an unknown message id', { messageId: receipt.messageId });
    }
    return this.deliver(this.receiptHandlers, 'deliveryReceipt', { client: ctx.name, receipt, pdu }, pdu);
  }

  /** The event of a receipt whose entry was found; counts it, and forgets a final one's entry. */
  private correlated(
    receipt: DeliveryReceipt,
    pdu: DeliverSm | DataSm,
    id: string,
    entry: CorrelationEntry,
  ): DeliveryReceiptEvent {
    this.ctx.counters.receiptsCorrelated++;
    this.ctx.ledger?.receipt(entry, receipt);
    if (receipt.final && !this.ctx.options.correlation.keepAfterFinalReceipt) this.forget(id);
    const event: DeliveryReceiptEvent = {
      client: this.ctx.name,
      receipt,
      pdu,
      correlationId: entry.correlationId,
      partIndex: entry.partIndex,
      partCount: entry.partCount,
    };
    if (entry.metadata !== undefined) event.metadata = entry.metadata;
    if (entry.trace !== undefined) event.trace = entry.trace;
    return event;
  }

  private onHeldCorrelated(held: HeldReceipt<EarlyReceipt>, entry: CorrelationEntry): void {
    const { receipt, pdu } = held.item;
    const event = this.correlated(receipt, pdu, held.messageId, entry);
    event.heldMs = held.heldMs;
    void this.deliverHeld(event);
  }

  private onHeldUncorrelated(released: Array<HeldReceipt<EarlyReceipt>>, reason: EarlyReceiptRelease): void {
    const { ctx } = this;
    ctx.counters.receiptsUncorrelated += released.length;
    this.uncorrelatedWarnings.add(
      reason,
      released.length,
      released.slice(0, IDS_IN_WARNING).map((h) => h.item.receipt.messageId),
    );
    for (const held of released) {
      const { receipt, pdu } = held.item;
      void this.deliverHeld({ client: ctx.name, receipt, pdu, heldMs: held.heldMs });
    }
  }

  private warnUncorrelated({ reason, count, messageIds }: UncorrelatedReceiptsReport): void {
    this.ctx.warn(
      `${count} delivery receipt(s) reported without correlationId: ${RELEASE_REASONS[reason]}`,
      undefined,
      {
        reason,
        count,
        earlyReceiptHoldMs: this.ctx.options.correlation.earlyReceiptHoldMs,
        messageIds,
      },
    );
  }

  /** Runs the handlers of a receipt that left the hold; its deliver_sm_resp is long gone. */
  private async deliverHeld(event: DeliveryReceiptEvent): Promise<void> {
    for (const handler of this.receiptHandlers) {
      try {
        const result = handler(event);
        if (isThenable(result)) await result;
      } catch (error) {
        this.ctx.warn(
          'deliveryReceipt handler threw for a receipt that waited for its submit_sm_resp; its deliver_sm_resp ' +
            'was already sent, so the SMSC will not deliver it again',
          toError(error),
          { messageId: event.receipt.messageId, correlationId: event.correlationId },
        );
        break;
      }
    }
    this.ctx.emit('deliveryReceipt', event);
  }

  /** Deletes a message's entry once its final receipt is correlated (see `keepAfterFinalReceipt`). */
  private forget(id: string): void {
    const correlator = this.ctx.correlator;
    if (correlator.delete === undefined) return;
    try {
      const done = correlator.delete(id);
      if (isThenable(done)) {
        done.then(undefined, (error: unknown) =>
          this.ctx.warn('correlator.delete failed; the entry expires with its TTL', toError(error)),
        );
      }
    } catch (error) {
      this.ctx.warn('correlator.delete failed; the entry expires with its TTL', toError(error));
    }
  }

  private async lookup(id: string): Promise<CorrelationEntry | undefined> {
    const found = this.lookupNow(id);
    return isThenable(found) ? this.settleLookup(found) : found;
  }

  /** `correlator.get(id)` as it answers (an entry, undefined, or a promise); a throw is reported, never thrown. */
  private lookupNow(id: string): CorrelationEntry | undefined | PromiseLike<CorrelationEntry | undefined> {
    try {
      return this.ctx.correlator.get(id);
    } catch (error) {
      return this.lookupFailed(error);
    }
  }

  private async settleLookup(
    found: PromiseLike<CorrelationEntry | undefined>,
  ): Promise<CorrelationEntry | undefined> {
    try {
      return await found;
    } catch (error) {
      return this.lookupFailed(error);
    }
  }

  private lookupFailed(error: unknown): undefined {
    this.ctx.warn('correlator.get failed; receipt reported without correlationId', toError(error));
    return undefined;
  }

  private async onMessage(pdu: DeliverSm | DataSm, session: number): Promise<number> {
    const { ctx } = this;
    const data = extractConcatInfo(pdu);
    if (data.udhError)
      ctx.warn(`inbound message with a broken UDH, taken as a whole message: ${data.udhError}`);
    let event: InboundMessageEvent;
    if (data.concat) {
      const joined = await this.reassembler.push({
        source: pdu.source_addr,
        destination: pdu.destination_addr,
        scope: String(session),
        concat: data.concat,
        payload: data.payload,
        headerLength: data.headerLength,
        dataCoding: pdu.data_coding,
        attachment: pdu,
      });
      if (joined === undefined) return 0; // more parts to come (or a duplicate)
      // Every part's PDU in part order when the reassembler kept them (the in-process one does); a shared
      // store keeps payloads only, and then the PDUs this process saw are all it can give.
      const pdus: Array<DeliverSm | DataSm> = [];
      for (const part of joined.parts) {
        const attached = part.attachment as DeliverSm | DataSm | undefined;
        if (attached !== undefined) pdus.push(attached);
      }
      if (!pdus.includes(pdu)) pdus.push(pdu);
      const decoded = decodeReassembled(joined, ctx.codecs);
      event = {
        client: ctx.name,
        from: pdu.source_addr,
        to: pdu.destination_addr,
        bytes: decoded.bytes,
        dataCoding: decoded.dataCoding,
        pdus,
      };
      if (decoded.text !== undefined) event.text = decoded.text;
    } else {
      const decoded = ctx.codecs.decode(data.payload, pdu.data_coding);
      event = {
        client: ctx.name,
        from: pdu.source_addr,
        to: pdu.destination_addr,
        bytes: decoded.bytes,
        dataCoding: pdu.data_coding,
        pdus: [pdu],
      };
      if (decoded.text !== undefined) event.text = decoded.text;
    }
    return this.deliver(this.messageHandlers, 'message', event, pdu);
  }

  /**
   * Runs the handlers in turn (each awaited when it returns a promise), then emits the event; resolves with
   * the response's command_status. Synchronous while no handler returns a promise.
   */
  private deliver<E extends DeliveryReceiptEvent | InboundMessageEvent>(
    handlers: Set<InboundHandler<E>>,
    kind: 'deliveryReceipt' | 'message',
    event: E,
    pdu: DeliverSm | DataSm,
  ): number | Promise<number> {
    let index = 0;
    for (const handler of handlers) {
      index++;
      let result: unknown;
      try {
        result = handler(event);
      } catch (error) {
        return this.emitEvent(kind, event, this.handlerFailed(`${kind} handler threw`, error, pdu));
      }
      if (isThenable(result)) {
        return this.deliverRest(result, [...handlers].slice(index), kind, event, pdu);
      }
    }
    return this.emitEvent(kind, event, 0);
  }

  /** {@link deliver} from the first handler that returned a promise on. */
  private async deliverRest<E extends DeliveryReceiptEvent | InboundMessageEvent>(
    pending: PromiseLike<unknown>,
    rest: Array<InboundHandler<E>>,
    kind: 'deliveryReceipt' | 'message',
    event: E,
    pdu: DeliverSm | DataSm,
  ): Promise<number> {
    let status = 0;
    try {
      await pending;
      for (const handler of rest) {
        const result = handler(event);
        if (isThenable(result)) await result;
      }
    } catch (error) {
      status = this.handlerFailed(`${kind} handler threw`, error, pdu);
    }
    return this.emitEvent(kind, event, status);
  }

  private emitEvent(
    kind: 'deliveryReceipt' | 'message',
    event: DeliveryReceiptEvent | InboundMessageEvent,
    status: number,
  ): number {
    if (kind === 'message') this.ctx.emit('message', event as InboundMessageEvent);
    else this.ctx.emit('deliveryReceipt', event as DeliveryReceiptEvent);
    return status;
  }

  private handlerFailed(what: string, error: unknown, pdu: DeliverSm | DataSm): number {
    const status = this.ctx.options.inboundErrorStatus;
    this.ctx.warn(`${what}; answering ${formatStatus(status)} so the SMSC retries`, toError(error), {
      command: pdu.command,
      sequence_number: pdu.sequence_number,
    });
    return status;
  }
}
