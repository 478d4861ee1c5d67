import { Injectable } from '@nestjs/common';
import type { DeliveryReceiptEvent, SubmitResultEvent } from '../../lib/index.js';
import { OnDeliveryReceipt, OnSubmitResult } from '../../lib/index.js';
import type { MessageRecord } from './message-record.js';

/** Most messages kept: the sample is a demo, not a database. */
const CAPACITY = 10_000;

/**
 * In-memory message log: a message enters as `queued`, becomes `submitted` when the SMSC accepts it (or `failed`),
 * then `delivered` (or `failed`) when its delivery receipt arrives.
 */
@Injectable()
export class MessageStore {
  private readonly records = new Map<string, MessageRecord>();

  /** Records a message just queued. */
  add(id: string, message: { to: string; from?: string; text: string }): MessageRecord {
    const now = new Date().toISOString();
    const record: MessageRecord = {
      id,
      ...message,
      status: 'queued',
      messageIds: [],
      receipts: [],
      createdAt: now,
      updatedAt: now,
    };
    this.records.set(id, record);
    if (this.records.size > CAPACITY) this.records.delete(this.records.keys().next().value as string);
    return record;
  }

  get(id: string): MessageRecord | undefined {
    return this.records.get(id);
  }

  /** The SMSC's answer: accepted (with a message id per part) or failed for good. */
  @OnSubmitResult()
  onSubmitResult(result: SubmitResultEvent): void {
    const record = this.records.get(result.correlationId);
    if (!record) return;
    if (result.status === 'submitted') {
      record.messageIds = result.messageIds;
      // A receipt can overtake the response's event on a fast SMSC: never step back from a final state.
      if (record.status === 'queued') record.status = 'submitted';
    } else {
      record.status = 'failed';
      record.error = {
        reason: result.reason,
        commandStatus: result.commandStatus,
        message: result.error.message,
      };
    }
    record.updatedAt = new Date().toISOString();
  }

  /**
   * A delivery receipt, for one part: it replaces that part's earlier receipt (an intermediate ACCEPTD or ENROUTE).
   * DELIVRD for every part → delivered; any other final state for a part → failed.
   */
  @OnDeliveryReceipt()
  onReceipt(event: DeliveryReceiptEvent): void {
    if (!event.correlationId) return;
    const record = this.records.get(event.correlationId);
    if (!record) return;
    const { receipt } = event;
    const part = (event.partIndex ?? 0) + 1;
    const receipts = record.receipts.filter((r) => r.part !== part);
    receipts.push({
      part,
      messageId: receipt.messageId,
      state: receipt.state,
      final: receipt.final,
      errorCode: receipt.errorCode,
      doneDate: receipt.doneDate,
    });
    record.receipts = receipts.sort((a, b) => a.part - b.part);
    const partCount = event.partCount ?? 1;
    if (receipt.final && receipt.state !== 'DELIVRD' && receipt.state !== 'ACCEPTD') {
      record.status = 'failed';
      record.error = {
        reason: receipt.state,
        message: `delivery receipt of part ${part}/${partCount} reported ${receipt.state}`,
      };
    } else if (
      record.status !== 'failed' &&
      record.receipts.filter((r) => r.state === 'DELIVRD').length >= partCount
    ) {
      record.status = 'delivered';
    }
    record.updatedAt = new Date().toISOString();
  }
}
