/**
 * Names of the Prometheus metrics the module exports (all carry a `client` label).
 *
 * @remarks
 * Listed in the README; keep the two in step.
 */
export const NAZ_METRIC_NAMES = {
  /** Counter: requests sent, by `command` (submit_sm, enquire_link, query_sm...). */
  requests: 'naz_requests_total',
  /** Counter: responses received, by `command` (submit_sm_resp...) and `status` (ESME_ROK, ESME_RTHROTTLED...). */
  responses: 'naz_responses_total',
  /** Counter: inbound PDUs (deliver_sm, enquire_link, unbind...), by `command`. */
  inboundPdus: 'naz_inbound_pdus_total',
  /** Histogram (seconds): submit_sm → submit_sm_resp latency. */
  submitLatency: 'naz_submit_latency_seconds',
  /** Counter: messages finished, by `result` (submitted, failed). */
  messages: 'naz_messages_total',
  /** Counter: delivery receipts, by final `state` (DELIVRD, UNDELIV, EXPIRED...). */
  receipts: 'naz_delivery_receipts_total',
  /**
   * Counter: delivery receipts reported without a correlationId (their message id was never stored within
   * `correlation.earlyReceiptHoldMs`, or unknown to the correlator).
   */
  receiptsUncorrelated: 'naz_receipts_uncorrelated_total',
  /** Gauge: requests awaiting a response. */
  inFlight: 'naz_in_flight',
  /** Gauge: messages waiting in the outbound queue (when the queue can tell). */
  queueDepth: 'naz_queue_depth',
  /** Gauge: sessions currently bound. */
  boundSessions: 'naz_bound_sessions',
  /** Gauge: sessions in standby, waiting for a lease of the account's bind budget. */
  standbySessions: 'naz_standby_sessions',
  /** Counter: reconnections after a lost or failed session. */
  reconnects: 'naz_reconnects_total',
} as const;
