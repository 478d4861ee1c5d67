import type { DeliveryReceipt } from '../../lib/index.js';

/** Where a message is in its life, as `GET /messages/:id` reports it. */
export type MessageStatus = 'queued' | 'submitted' | 'delivered' | 'failed';

/** The latest delivery receipt of one part. */
export interface PartReceipt extends Pick<
  DeliveryReceipt,
  'messageId' | 'state' | 'final' | 'errorCode' | 'doneDate'
> {
  /** 1-based part number (1 for a one-part message). */
  part: number;
}

/** What the sample remembers about one message. */
export interface MessageRecord {
  id: string;
  to: string;
  from?: string;
  text: string;
  status: MessageStatus;
  /** The SMSC's message id of each part, in part order. */
  messageIds: string[];
  /** The latest delivery receipt of each part that has one, in part order (a long message has one per part). */
  receipts: PartReceipt[];
  /** Why it failed, when it did. */
  error?: { reason: string; commandStatus?: number; message: string };
  createdAt: string;
  updatedAt: string;
}
