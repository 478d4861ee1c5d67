import type { LongMessageMethod } from '../message/outbound-message.interface.js';
import type { ResolvedSmppSessionOptions } from '../session/smpp-session-options.interface.js';
import type { SmppClientOptions, SmppTlsOptions } from './smpp-client-options.interface.js';

/**
 * `SmppClientOptions` after `validateClientOptions`: every default applied, every value checked. The session
 * options (host, window, timeouts...) are those of `ResolvedSmppSessionOptions`.
 *
 * @remarks
 * `rateLimit` stays undefined when unlimited; `retry.transientStatuses` are numeric codes.
 */
export interface ResolvedSmppClientOptions extends Omit<
  ResolvedSmppSessionOptions,
  'tls' | 'logger' | 'inboundHandler' | 'sequenceGenerator'
> {
  name: string;
  tls: false | SmppTlsOptions;
  sessions: number;
  reconnect: Required<NonNullable<SmppClientOptions['reconnect']>>;
  rateLimit?: { perSecond: number; burst: number };
  throttle: Required<NonNullable<SmppClientOptions['throttle']>>;
  retry: {
    maxAttempts: number;
    maxThrottledAttempts: number;
    initialDelayMs: number;
    maxDelayMs: number;
    /** Names as configured. */
    transientStatuses: string[];
    /** The same, as command_status codes. */
    transientStatusCodes: ReadonlySet<number>;
  };
  drainTimeoutMs: number;
  queueCapacity: number;
  /** See `SmppClientOptions.spillFile`. */
  spillFile: string | undefined;
  defaults: {
    from: string;
    sourceAddrTon: number;
    sourceAddrNpi: number;
    destAddrTon: number;
    destAddrNpi: number;
    serviceType: string;
    registeredDelivery: number;
    longMessage: LongMessageMethod;
    maxParts: number;
  };
  correlation: {
    ttlMs: number;
    maxEntries: number;
    normalizeMessageId: (id: string) => string;
    keepAfterFinalReceipt: boolean;
    /** 0 = receipts for unknown ids are reported at once, uncorrelated. */
    earlyReceiptHoldMs: number;
    maxEarlyReceipts: number;
  };
  reassembly: { timeoutMs: number; maxPendingSets: number };
  inboundErrorStatus: number;
  congestionControl: boolean;
  logMetadata: Record<string, unknown>;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}
