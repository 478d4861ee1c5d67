import type { Tlvs } from '../protocol/tlv.types.js';
import type { MessageTraceContext } from './message-trace-context.interface.js';

/** How a text too long for one short_message is sent. */
export type LongMessageMethod = 'udh8' | 'udh16' | 'sar' | 'payload';

/**
 * A message to send, as the application describes it.
 *
 * @remarks
 * Only `to` and one of `text`/`bytes` are required; everything else has a client-wide default
 * (see `SmppClientOptions.defaults`). Validation happens when the message is enqueued or submitted, and a bad
 * field gives an `InvalidMessageError` naming it.
 */
export interface OutboundMessage {
  /** destination_addr: at most 20 characters (SMPP 3.4 §5.2.9), digits for numeric TONs. */
  to: string;
  /** source_addr: at most 20 characters; defaults to `defaults.from`. */
  from?: string;
  /** The text; data_coding is chosen automatically (GSM 03.38 when it fits, else UCS-2) unless `dataCoding` is set. */
  text?: string;
  /** Raw user data instead of text (binary SMS); sent with data_coding `dataCoding` (default 0x04). */
  bytes?: Buffer;
  /** Your id for this message: receipts and results carry it back. Generated (UUID v4) when absent. */
  correlationId?: string;
  /** Anything you want back in events, hooks and log entries (kept small: it travels through the queue). */
  metadata?: Record<string, unknown>;
  /** Forces the data_coding (0x00 GSM, 0x03 Latin-1, 0x08 UCS-2...). */
  dataCoding?: number;
  /** Long-message method. @default 'udh8' */
  longMessage?: LongMessageMethod;
  /** registered_delivery: true asks for a receipt on success or failure (0x01). @default defaults.registeredDelivery */
  registeredDelivery?: boolean | number;
  sourceAddrTon?: number;
  sourceAddrNpi?: number;
  destAddrTon?: number;
  destAddrNpi?: number;
  serviceType?: string;
  /** Extra esm_class bits (the UDHI bit is managed by the library). */
  esmClass?: number;
  protocolId?: number;
  priorityFlag?: number;
  /** SMPP time format `YYMMDDhhmmsstnnp` (§7.1.1). */
  scheduleDeliveryTime?: string;
  validityPeriod?: string;
  /** Extra optional parameters to put on every part. */
  tlvs?: Tlvs;
  /**
   * The trace this message belongs to (queue envelope field `trace`). With tracing on, `send()` sets it to its
   * `send smpp` span, and a `trace` you set is that span's parent (e.g. the `traceparent` header of the request
   * that asked for the SMS). It travels through every queue and into the correlator, so the replica that
   * submits the message and the one that gets its receipt continue the trace. Never part of `metadata`.
   */
  trace?: MessageTraceContext;
}
