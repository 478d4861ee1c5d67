/** What a feed event is about, for the page's filters. */
export type ConsoleFeedKind =
  | 'bind'
  | 'submit'
  | 'response'
  | 'receipt'
  | 'mo'
  | 'query'
  | 'cancel'
  | 'replace'
  | 'keepalive'
  | 'unbind'
  | 'session'
  | 'malformed'
  | 'other';

/** One line of the console's traffic feed: a PDU summarised (never a password), or a session closing. */
export interface ConsoleFeedEvent {
  /** Position in the feed: consecutive, starting at 1 (SSE event ids). */
  id: number;
  /** Epoch ms. */
  at: number;
  /** `'in'`: from the ESME; `'out'`: from the simulator. */
  direction: 'in' | 'out';
  connectionId: number;
  /** system_id of the session ('' before bind; a bind request shows the system_id it asks for). */
  systemId: string;
  kind: ConsoleFeedKind;
  /** Command name (`submit_sm`), or `0x…` for an unknown command id. */
  command: string;
  sequence: number;
  /** command_status name of a response (`ESME_ROK`, `ESME_RTHROTTLED (0x58)`...). */
  status?: string;
  /** The message id a response gives, a receipt reports, or a query/cancel/replace names. */
  messageId?: string;
  /** source_addr. */
  from?: string;
  /** destination_addr (a submit_multi's destinations joined with commas). */
  to?: string;
  /** The message text (first 200 characters), when it decodes as text. */
  text?: string;
  /** `seq/total` of one part of a long message. */
  part?: string;
  /** A receipt's state (`DELIVRD`...). */
  state?: string;
  /** Anything else worth a glance: the bind mode, a decode error, octet counts. */
  note?: string;
}
