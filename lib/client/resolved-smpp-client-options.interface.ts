import type { LongMessageMethod } from '../message/outbound-message.interface.js';
import type { BindMode, SmppClientOptions, SmppTlsOptions } from './smpp-client-options.interface.js';

/**
 * `SmppClientOptions` after `validateClientOptions`: every default applied, every value checked.
 *
 * @remarks
 * `rateLimit` stays undefined when unlimited; `retry.transientStatuses` are numeric codes.
 */
export interface ResolvedSmppClientOptions {
  name: string;
  host: string;
  port: number;
  tls: false | SmppTlsOptions;
  systemId: string;
  password: string;
  systemType: string;
  bindMode: BindMode;
  interfaceVersion: number;
  addrTon: number;
  addrNpi: number;
  addressRange: string;
  sessions: number;
  windowSize: number;
  windowWaitTimeoutMs: number;
  connectTimeoutMs: number;
  bindTimeoutMs: number;
  responseTimeoutMs: number;
  enquireLinkIntervalMs: number;
  enquireLinkTimeoutMs: number;
  maxCommandLength: number;
  unbindTimeoutMs: number;
  maxPendingInbound: number;
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
