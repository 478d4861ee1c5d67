import type { SmppClient } from '../../../lib/client/smpp-client.js';

/** What the receipt ledger found: the receipt columns of a fate row. */
export interface ReceiptReport {
  /** Messages the client reported accepted whose message id came back in a receipt. */
  expected: number;
  /** Of those, receipts that carried the message's own correlationId. */
  correlated: number;
  /** Receipts for message ids the client never reported accepted (SMSC-side duplicates). */
  foreign: number;
}

/**
 * Ties each receipt a client reports to the message the client was told was accepted: the message id from
 * 'submitted' (first part) against the receipt's message id, and the receipt's correlationId against the
 * message's.
 */
export class ReceiptLedger {
  private readonly correlationByMessageId = new Map<string, string>();
  /** Per receipt message id: the correlationIds its receipts carried ('' for none). */
  private readonly receipts = new Map<string, string[]>();

  watch(client: SmppClient): void {
    client.on('submitted', (e) => this.correlationByMessageId.set(e.messageIds[0], e.correlationId));
    client.on('deliveryReceipt', (e) => {
      const list = this.receipts.get(e.receipt.messageId) ?? [];
      list.push(e.correlationId ?? '');
      this.receipts.set(e.receipt.messageId, list);
    });
  }

  report(): ReceiptReport {
    let expected = 0;
    let correlated = 0;
    for (const [messageId, correlationId] of this.correlationByMessageId) {
      const carried = this.receipts.get(messageId);
      if (carried === undefined) continue;
      expected++;
      if (carried.every((c) => c === correlationId)) correlated++;
    }
    let foreign = 0;
    for (const messageId of this.receipts.keys()) if (!this.correlationByMessageId.has(messageId)) foreign++;
    return { expected, correlated, foreign };
  }
}
