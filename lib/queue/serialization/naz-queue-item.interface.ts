/**
 * A queue item as produced for the Python naz client (`naz.protocol.Message.to_json()` and earlier forms).
 *
 * @remarks
 * Accepted by every durable queue so producers written for naz keep working. Versions seen in the wild:
 * `version: 1` or `"1"`; the command under `smpp_command` (naz ≥ 0.6) or `smpp_event` (older); the caller's
 * id under `log_id` (or `correlation_id`). Only `submit_sm` items with a `short_message` can be sent; items
 * carrying a pre-encoded `pdu` are dead-lettered with a reason.
 */
export interface NazQueueItem {
  version: number | string;
  smpp_command?: string;
  smpp_event?: string;
  log_id?: string;
  correlation_id?: string;
  short_message?: string | null;
  source_addr?: string | null;
  destination_addr?: string | null;
  /** A string the naz app wanted back in its hooks; kept as `metadata.hookMetadata`. */
  hook_metadata?: string | null;
  pdu?: string | null;
  service_type?: string;
  source_addr_ton?: number;
  source_addr_npi?: number;
  dest_addr_ton?: number;
  dest_addr_npi?: number;
  esm_class?: number;
  protocol_id?: number;
  priority_flag?: number;
  schedule_delivery_time?: string;
  validity_period?: string;
  registered_delivery?: number | boolean;
  data_coding?: number;
}
