import { formatStatus } from '../protocol/command-status.js';
import type { CorrelationEntry } from '../correlation/correlator.interface.js';
import { decodeReassembled } from '../protocol/long-message/decode-reassembled.js';
import { extractConcatInfo } from '../protocol/long-message/extract-concat-info.js';
import type {
  IncompleteMessage,
  MessageReassembler,
} from '../protocol/long-message/reassembler.interface.js';
import type { DataSm, DeliverSm } from '../protocol/pdu.types.js';
import { isDeliveryReceipt } from '../protocol/receipt/is-delivery-receipt.js';
import { parseDeliveryReceipt } from '../protocol/receipt/parse-delivery-receipt.js';
import type { DeliveryReceiptEvent, InboundMessageEvent } from './client-events.interface.js';
import type { ClientContext } from './client-context.js';
import { toError } from './submit-parts.js';
import { isThenable } from './is-thenable.js';

/** An application handler awaited before the deliver_sm_resp goes out. */
export type InboundHandler<E> = (event: E) => unknown;

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Handles every deliver_sm / data_sm of the client's sessions and decides the command_status of the response.
 *
 * @remarks
 * - Delivery receipts (esm_class message type 0001 or 1000, SMPP 3.4 §5.2.12) are parsed (TLVs preferred over
 *   the Appendix B text), their message id normalised and looked up in the correlator, and reported with the
 *   caller's correlationId, metadata and part index.
 * - Mobile-originated messages: parts of long ones (UDH 8/16-bit or SAR) are joined by the reassembler first;
 *   text is decoded with the codec registry (an unknown data_coding yields the bytes and the code, no text).
 * - Handlers registered with `addInboundHandler` are awaited before the response; a throw answers
 *   `inboundErrorStatus` (default ESME_RX_T_APPN, so the SMSC redelivers later) and is reported as a warning.
 *   Events are emitted too, for listeners.
 */
export class InboundDispatcher {
  private readonly receiptHandlers = new Set<InboundHandler<DeliveryReceiptEvent>>();
  private readonly messageHandlers = new Set<InboundHandler<InboundMessageEvent>>();

  constructor(
    private readonly ctx: ClientContext,
    private readonly reassembler: MessageReassembler,
  ) {}

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

  private async onReceipt(pdu: DeliverSm | DataSm): Promise<number> {
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
    let entry = await this.lookup(id);
    if (entry === undefined) {
      // The submit_sm_resp may sit in the same TCP read as this receipt, its outcome not yet stored.
      await nextMacrotask();
      entry = await this.lookup(id);
    }
    if (entry !== undefined) {
      ctx.counters.receiptsCorrelated++;
      if (receipt.final && !ctx.options.correlation.keepAfterFinalReceipt) this.forget(id);
    }
    const event: DeliveryReceiptEvent = { client: ctx.name, receipt, pdu };
    if (entry !== undefined) {
      event.correlationId = entry.correlationId;
      if (entry.metadata !== undefined) event.metadata = entry.metadata;
      event.partIndex = entry.partIndex;
      event.partCount = entry.partCount;
    } else if (ctx.logger.isDebugEnabled?.() ?? false) {
      ctx.logger.debug('receipt for an unknown message id', { messageId: receipt.messageId });
    }
    return this.deliver(this.receiptHandlers, 'deliveryReceipt', event, pdu);
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
    try {
      const found = this.ctx.correlator.get(id);
      return isThenable(found) ? await found : found;
    } catch (error) {
      this.ctx.warn('correlator.get failed; receipt reported without correlationId', toError(error));
      return undefined;
    }
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

  private async deliver<E extends DeliveryReceiptEvent | InboundMessageEvent>(
    handlers: Set<InboundHandler<E>>,
    kind: 'deliveryReceipt' | 'message',
    event: E,
    pdu: DeliverSm | DataSm,
  ): Promise<number> {
    let status = 0;
    for (const handler of handlers) {
      try {
        const result = handler(event);
        if (isThenable(result)) await result;
      } catch (error) {
        status = this.handlerFailed(`${kind} handler threw`, error, pdu);
        break;
      }
    }
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
