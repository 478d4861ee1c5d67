import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { DataSm, DeliverSm } from '../protocol/pdu.types.js';

/** Bind type: what the session may do (SMPP 3.4 §2.2): send, receive, or both. */
export type BindMode = 'transmitter' | 'receiver' | 'transceiver';

/** TLS settings. Certificate verification is on unless you turn it off. */
export interface SmppTlsOptions {
  /** PEM CA bundle to trust instead of the system store (for a private or self-signed SMSC certificate). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate (PEM) for mutual TLS. */
  cert?: string | Buffer;
  /** Client private key (PEM) for mutual TLS. */
  key?: string | Buffer;
  /** SNI and certificate host name, when it differs from `host` (e.g. connecting by IP address). */
  servername?: string;
  /**
   * Verify the SMSC's certificate chain and host name.
   * @default true
   */
  rejectUnauthorized?: boolean;
}

/**
 * Options of one {@link SmppSession}: one TCP/TLS connection bound to one SMSC account.
 *
 * @remarks
 * Only `host`, `port`, `systemId` and `password` are required. The password is sent in the bind PDU and nowhere
 * else: it is never logged nor put in an error message.
 */
export interface SmppSessionOptions {
  host: string;
  port: number;
  /** true, or TLS settings, to connect over TLS. @default false */
  tls?: boolean | SmppTlsOptions;
  /** system_id, at most 15 characters (SMPP 3.4 §4.1.1). */
  systemId: string;
  /** password, at most 8 characters (§4.1.1). Never logged. */
  password: string;
  /** system_type, at most 12 characters. @default '' */
  systemType?: string;
  /** @default 'transceiver' */
  bindMode?: BindMode;
  /** interface_version of the bind (0x34 = SMPP 3.4). @default 0x34 */
  interfaceVersion?: number;
  /** addr_ton of the bind. @default 0 */
  addrTon?: number;
  /** addr_npi of the bind. @default 0 */
  addrNpi?: number;
  /** address_range of the bind. @default '' */
  addressRange?: string;
  /** Requests in flight without a response (per session). Settable at run time via `session.windowSize`. @default 10 */
  windowSize?: number;
  /** A request waiting longer than this for a window slot fails with `WindowTimeoutError`. @default 60000 */
  windowWaitTimeoutMs?: number;
  /** TCP connect plus TLS handshake. @default 10000 */
  connectTimeoutMs?: number;
  /** Wait for the bind response. @default 10000 */
  bindTimeoutMs?: number;
  /** Default response timeout of a request; `request(pdu, { timeoutMs })` overrides it. @default 30000 */
  responseTimeoutMs?: number;
  /** Send enquire_link after this long without receiving anything. @default 30000 */
  enquireLinkIntervalMs?: number;
  /** No enquire_link_resp within this → the link is dead → the session is destroyed (a client reconnects). @default 10000 */
  enquireLinkTimeoutMs?: number;
  /** Wait for unbind_resp in `close()` before ending the connection anyway. @default 5000 */
  unbindTimeoutMs?: number;
  /** Largest PDU accepted from the SMSC; a larger command_length closes the session. @default 70000 (a 64K message_payload fits) */
  maxCommandLength?: number;
  /** Pause socket reads while this many inbound PDUs await `inboundHandler`; resume below it. @default 100 */
  maxPendingInbound?: number;
  /** Source of sequence_number values (1..0x7FFFFFFF, §5.1.4). @default a counter that wraps to 1 */
  sequenceGenerator?: () => number;
  /** Where the session logs. @default no logging */
  logger?: NazLogger;
  /**
   * Called for each deliver_sm / data_sm; the resolved number is the command_status of the `*_resp`
   * (0 = ESME_ROK). A throw (or rejection) answers ESME_RX_T_APPN (0x64) and logs a warning.
   * @default answers ESME_ROK to everything
   */
  inboundHandler?: (pdu: DeliverSm | DataSm) => number | Promise<number>;
}

/** Options with every default applied (what the session runs with). */
export type ResolvedSmppSessionOptions = Required<
  Omit<SmppSessionOptions, 'tls' | 'logger' | 'inboundHandler' | 'sequenceGenerator'>
> &
  Pick<SmppSessionOptions, 'tls' | 'logger' | 'inboundHandler' | 'sequenceGenerator'>;

// Defaults and value rules live in one table, read by the session and the client alike.
export { SESSION_DEFAULTS } from './session-option-rules.js';
