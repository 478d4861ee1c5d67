import type { DeliveryReceipt } from '../../lib/index.js';

/** Where a message is in its life, as `GET /messages/:id` reports it. */
export type MessageStatus = 'queued' | 'submitted' | 'delivered' | 'failed';

/** What the sample remembers about one message. */
export interface MessageRecord {
  id: string;
  to: string;
  from?: string;
  text: string;
  status: MessageStatus;
  /** The SMSC's message id of each part. */
  messageIds: string[];
  /** The last delivery receipt, when one arrived. */
  receipt?: Pick<DeliveryReceipt, 'messageId' | 'state' | 'final' | 'errorCode' | 'doneDate'>;
  /** Why it failed, when it did. */
  error?: { reason: string; commandStatus?: number; message: string };
  createdAt: string;
  updatedAt: string;
}
