import type { LongMessageMethod } from '../message/outbound-message.interface.js';

import type {
  BindMode,
  SmppSessionOptions,
  SmppTlsOptions,
} from '../session/smpp-session-options.interface.js';

// One definition, shared with the session: re-exported so client users need not import session types.
export type { BindMode, SmppTlsOptions };

/**
 * Every option of an SMPP client. The same names serve `NazModule.forRoot()`, `new SmppClient()` and the
 * `naz-cli` config file. Only `host`, `port`, `systemId` and `password` are required.
 *
 * @remarks
 * The connection, bind, window and timeout options are those of {@link SmppSessionOptions}, applied to every
 * session of the pool; the logger and the inbound handler are the client's own (policies and handlers).
 */
export interface SmppClientOptions extends Omit<
  SmppSessionOptions,
  'logger' | 'inboundHandler' | 'sequenceGenerator'
> {
  /** Name of this client (for several SMSC accounts in one app). @default 'default' */
  name?: string;
  /** Several binds to the same SMSC, messages spread across them. @default 1 */
  sessions?: number;

  reconnect?: {
    /** @default 500 */
    initialDelayMs?: number;
    /** @default 30000 */
    maxDelayMs?: number;
    /** @default 2 */
    multiplier?: number;
    /** Random share of each delay (0..1). @default 0.2 */
    jitter?: number;
    /** Give up after this many failed attempts in a row. @default Infinity */
    maxAttempts?: number;
  };

  /** Token-bucket rate limit (counts parts, not messages). Unlimited when absent. */
  rateLimit?: {
    /** Sends per second; must be > 0. */
    perSecond: number;
    /** Bucket size. @default perSecond */
    burst?: number;
  };

  /** naz's sampling throttle handler settings. */
  throttle?: {
    /** @default 10000 */
    samplingPeriodMs?: number;
    /** Minimum responses in a period before it judges. @default 20 */
    sampleSize?: number;
    /** Share (percent) of throttled responses that denies sending. @default 1 */
    denyAtPercent?: number;
    /** Pause when denied. @default 1000 */
    delayMs?: number;
  };

  /** Retries of transient failures (throttled, queue full, timeout, connection lost). */
  retry?: {
    /** Attempts per message for transient failures (timeouts, lost connections, ESME_RSYSERR...). @default 5 */
    maxAttempts?: number;
    /**
     * Throttled answers (ESME_RTHROTTLED / ESME_RMSGQFUL) a message may get while the session stays bound before
     * it fails. The resubmissions that follow them do not use up `maxAttempts`: throttling says "slow down", not "this message is bad", and the throttle handler
     * already slows the session; this bound only stops an SMSC that throttles one message forever. @default 100
     */
    maxThrottledAttempts?: number;
    /** @default 1000 */
    initialDelayMs?: number;
    /** @default 60000 */
    maxDelayMs?: number;
    /** Status names treated as transient. @default ['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR'] */
    transientStatuses?: string[];
  };

  /** How long `stop()` waits for in-flight responses. @default 10000 */
  drainTimeoutMs?: number;

  /** Capacity of the in-memory queue. @default 100000 */
  queueCapacity?: number;

  /**
   * A file for the in-memory queue's unsent messages: `stop()` appends them as JSON lines in the queue format
   * (docs/QUEUE-FORMAT.md), and `start()` reads them back into the queue, then removes the file. Only with the
   * in-memory queue (a durable queue keeps its messages itself).
   * @default none: unsent messages are only returned by `stop()` and named in its warning
   * @remarks At-least-once: a crash between queueing them again and removing the file sends them twice.
   */
  spillFile?: string;

  /** Defaults for every outbound message. */
  defaults?: {
    from?: string;
    sourceAddrTon?: number;
    sourceAddrNpi?: number;
    destAddrTon?: number;
    destAddrNpi?: number;
    serviceType?: string;
    /** @default true */
    registeredDelivery?: boolean | number;
    /** @default 'udh8' */
    longMessage?: LongMessageMethod;
    /** Parts above this fail with `InvalidMessageError`. @default 10 */
    maxParts?: number;
  };

  /** Delivery-receipt correlation. */
  correlation?: {
    /** @default 86400000 (24 h) */
    ttlMs?: number;
    /** @default 1000000 */
    maxEntries?: number;
    /** Message-id normalisation applied to submit_sm_resp and receipt ids. @default lowercase, no leading zeros */
    normalizeMessageId?: (id: string) => string;
    /**
     * Keep a message's entry after its final receipt (DELIVRD, UNDELIV, EXPIRED...) until `ttlMs`. By default
     * the entry is deleted once that receipt is correlated, as Kannel does with its DLR store, so the store
     * holds only messages still awaiting their outcome; an SMSC that repeats a final receipt then has the
     * repeat reported without `correlationId`. Set it when your SMSC repeats final receipts and you need them
     * correlated. Intermediate receipts (ENROUTE, ACCEPTD) never delete the entry. @default false
     */
    keepAfterFinalReceipt?: boolean;
    /**
     * How long a delivery receipt whose message id is not known yet waits for the submit_sm_resp naming it
     * (an SMSC may send the receipt first: a slow response path, or a receipt from another SMSC node). Its
     * deliver_sm_resp goes out at once; the receipt is reported the moment the id is stored, by this process or
     * (with `RedisCorrelator`) by any replica. When the hold runs out it is reported without `correlationId`,
     * with a warning, counted in `stats().receiptsUncorrelated` and `naz_receipts_uncorrelated_total`.
     * `0` reports such receipts at once, uncorrelated. @default responseTimeoutMs
     */
    earlyReceiptHoldMs?: number;
    /**
     * Most receipts held at once for `earlyReceiptHoldMs`. Beyond it the oldest held receipt is reported at
     * once without `correlationId` (after one last look in the correlator), with a warning. @default 10000
     */
    maxEarlyReceipts?: number;
  };

  /** Inbound long-message reassembly. */
  reassembly?: {
    /** @default 300000 */
    timeoutMs?: number;
    /** @default 10000 */
    maxPendingSets?: number;
  };

  /** command_status answered when an inbound handler throws. @default 0x64 (ESME_RX_T_APPN) */
  inboundErrorStatus?: number;

  /** Adapt window and rate to the SMSC's congestion_state (SMPP 5.0 §2.9). @default false */
  congestionControl?: boolean;

  /** Merged into every log entry (naz's `log_metadata`). */
  logMetadata?: Record<string, unknown>;
  /** @default 'info' */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}
