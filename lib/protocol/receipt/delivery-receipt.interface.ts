import type { ReceiptState } from './message-state.constants.js';

/** The network error a receipt reports (network_error_code TLV, SMPP 3.4 §5.3.2.31). */
export interface NetworkErrorCode {
  /** 1 ANSI-136, 2 IS-95, 3 GSM, 4 reserved... */
  networkType: number;
  /** The network-specific error code. */
  errorCode: number;
}

/** A parsed delivery receipt. TLV values win over the text where both exist. */
export interface DeliveryReceipt {
  /** receipted_message_id TLV, else the text's `id:`. Not normalised: see `normalizeMessageId`. */
  messageId: string;
  /** Normalised status, from the message_state TLV, else the text's `stat:` (unknown words → `'UNKNOWN'`). */
  state: ReceiptState;
  /** message_state (§5.2.28): the TLV value, else derived from `state`. */
  messageState: number;
  /** No further receipt will follow: a final state and not an intermediate notification. */
  final: boolean;
  /** esm_class marked an intermediate delivery notification (0x20). */
  intermediate: boolean;
  /** The `stat:` word exactly as sent, when the text had one. */
  stat?: string;
  /** `sub:` (parts submitted), when present. */
  submitted?: number;
  /** `dlvrd:` (parts delivered), when present. */
  delivered?: number;
  /** `submit date:` as sent: YYMMDDhhmm or YYMMDDhhmmss. */
  submitDate?: string;
  /** `done date:` as sent. */
  doneDate?: string;
  /**
   * `submitDate` read as UTC. Receipts carry no time zone; if your SMSC writes local time, interpret
   * `submitDate` yourself.
   */
  submittedAt?: Date;
  /** `doneDate` read as UTC (see `submittedAt`). */
  doneAt?: Date;
  /** `err:` as sent (3 or 4 digits, vendor-specific). */
  errorCode?: string;
  /** network_error_code TLV, when present and 3 octets. */
  networkErrorCode?: NetworkErrorCode;
  /** `text:` (usually the first 20 characters of the message). */
  text?: string;
  /** Every `key:value` of the text, keys lower-cased with spaces as in the text (e.g. `'submit date'`). */
  fields: Record<string, string>;
  /** The receipt text (short_message, or message_payload when short_message is empty), NULs trimmed. */
  raw: string;
}
