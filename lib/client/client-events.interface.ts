import type { MessageTraceContext } from '../message/message-trace-context.interface.js';
import type { DeliverSm, DataSm, Pdu } from '../protocol/pdu.types.js';
import type { QueuedMessage } from '../queue/outbound-queue.interface.js';
import type { DeliveryReceipt } from '../protocol/receipt/index.js';
import type { SessionStateChange } from '../session/session-state.js';
import type { StopResult } from './stop-result.interface.js';

/** A message `send()` put in the outbound queue (emitted once the queue has it). */
export interface QueuedEvent {
  client: string;
  /** The message as queued, its correlationId set. Do not change it: the send loop may still use it. */
  message: QueuedMessage;
}

/** A message accepted by the SMSC (every part answered ESME_ROK). */
export interface SubmittedEvent {
  client: string;
  correlationId: string;
  /** The SMSC's message id for each part, in part order. */
  messageIds: string[];
  attempts: number;
  metadata?: Record<string, unknown>;
  /** The message's W3C trace context (`OutboundMessage.trace`), when it has one. */
  trace?: MessageTraceContext;
}

/** A message that failed for good (permanent error, or transient errors beyond the retry limit). */
export interface FailedEvent {
  client: string;
  correlationId: string;
  /** The SMSC's command_status when it answered; absent for local errors (invalid message, timeouts). */
  commandStatus?: number;
  /** e.g. `ESME_RINVDSTADR` or the error class name. */
  reason: string;
  error: Error;
  attempts: number;
  metadata?: Record<string, unknown>;
  /** The message's W3C trace context (`OutboundMessage.trace`), when it has one. */
  trace?: MessageTraceContext;
}

/** A transient failure that will be retried. */
export interface RetryEvent {
  client: string;
  correlationId: string;
  reason: string;
  attempt: number;
  delayMs: number;
  metadata?: Record<string, unknown>;
}

/** A delivery receipt, tied to the message it reports on when the correlator knows it. */
export interface DeliveryReceiptEvent {
  client: string;
  receipt: DeliveryReceipt;
  /** The caller's id, when the receipt's message id was found in the correlator. */
  correlationId?: string;
  metadata?: Record<string, unknown>;
  /** The trace of the message the receipt reports on, when the correlator kept one. */
  trace?: MessageTraceContext;
  /** Which part of a long message the receipt is for. */
  partIndex?: number;
  partCount?: number;
  /**
   * Set when the receipt arrived before its message id was known (an early receipt): how long it waited for
   * the submit_sm_resp, in ms. Its deliver_sm_resp went out on arrival.
   */
  heldMs?: number;
  pdu: DeliverSm | DataSm;
}

/** An inbound (mobile-originated) message, long ones already joined. */
export interface InboundMessageEvent {
  client: string;
  from: string;
  to: string;
  /** Decoded text, when the data_coding is known. */
  text?: string;
  /** The user data, UDH removed, parts joined. */
  bytes: Buffer;
  dataCoding: number;
  /**
   * The PDU(s) it came in, in part order. With a shared reassembler (`RedisReassembler`), whose store keeps
   * payloads only, these are the parts this process received (at least the one that completed the message).
   */
  pdus: Array<DeliverSm | DataSm>;
}

/** Events of an `SmppClient` (all also reach `SmppClientService.events$` in Nest). */
export interface SmppClientEvents {
  queued: [QueuedEvent];
  submitted: [SubmittedEvent];
  failed: [FailedEvent];
  retry: [RetryEvent];
  deliveryReceipt: [DeliveryReceiptEvent];
  message: [InboundMessageEvent];
  state: [SessionStateChange & { client: string; session: number }];
  /**
   * A session entered (`standby: true`) or left the standby of the account's bind budget: every bind the
   * budget allows is held by other replicas, so this session waits, connected to nothing.
   */
  standby: [{ client: string; session: number; standby: boolean }];
  /** Every inbound PDU, after decoding. */
  pdu: [{ client: string; session: number; pdu: Pdu }];
  /** `stop()` finished: what it left unsent (also its return value). */
  stopped: [StopResult];
  /** Something went wrong that the client handled (logged too): never thrown at you. */
  warning: [{ client: string; message: string; error?: Error }];
}
