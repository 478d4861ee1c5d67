import type { CommandName } from '../protocol/pdu.types.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { ReceiptStateMix } from './receipts/receipt-state.js';
import type { MessageIdFormat } from './store/message-id.js';
import type { SimulatorConsoleOptions } from './console/simulator-console-options.interface.js';

/** A delay: a fixed number of milliseconds, or a uniform random pick in `[min, max]`. */
export type DelaySpec = number | { min: number; max: number };

/** One account the simulator accepts. */
export interface SimulatorCredential {
  system_id: string;
  password: string;
  /** The most simultaneous binds of this account; more get ESME_RALYBND. @default maxBindsPerAccount */
  maxBinds?: number;
}

/** Delivery receipt behaviour (SMPP 3.4 §5.2.17, Appendix B). */
export interface ReceiptOptions {
  /** Send receipts for messages whose registered_delivery asks for one. @default true */
  enabled?: boolean;
  /**
   * Time from submit to the message's final state and its receipt; `0` sends on the next tick.
   * Until then the message is ENROUTE, so cancel_sm and replace_sm can act on it.
   * @default 1000
   */
  delayMs?: DelaySpec;
  /** Weighted mix of final states. @default { DELIVRD: 1 } */
  states?: ReceiptStateMix;
  /**
   * Which bound session of the message's system_id a receipt goes to:
   * - `'origin'`: the submitting session when it is a transceiver still bound, else any receiving session;
   * - `'any'`: the receiving sessions take turns, as an SMSC cluster delivering from any node may do;
   * - `'other'`: a receiving session other than the submitting one whenever there is one (each receipt
   *   reaches another bind, e.g. another replica of the ESME: tests of cross-replica correlation).
   * @default 'origin'
   */
  route?: ReceiptRoute;
}

/** See {@link ReceiptOptions.route}. */
export type ReceiptRoute = 'origin' | 'any' | 'other';

/** Split method for long MO messages: UDH with 8- or 16-bit reference, SAR TLVs, or one message_payload. */
export type MoSplitMethod = 'udh8' | 'udh16' | 'sar' | 'payload';

/** One mobile-originated message for {@link SmscSimulator.sendMo}. */
export interface MoMessage {
  /** The mobile's number. @default '447700900001' */
  source_addr?: string;
  /** The ESME's short code or number. @default '1234' */
  destination_addr?: string;
  /** Text to send; encoded with `data_coding` (or the narrowest coding that fits it). Ignored if `short_message` is set. */
  text?: string;
  /** Raw octets to send as they are (no splitting). */
  short_message?: Buffer;
  /** data_coding; chosen from the text when omitted (GSM 0x00, Latin-1 0x03 or UCS-2 0x08). */
  data_coding?: number;
  /** How to split a text that does not fit one short_message. @default 'udh8' */
  split?: MoSplitMethod;
  /** Deliver to a receiving session of this system_id only; otherwise the receiving sessions take turns. */
  system_id?: string;
}

/** Continuous MO traffic for {@link SmscSimulator.startMoTraffic}. */
export interface MoTrafficOptions extends Omit<MoMessage, 'text'> {
  /** Messages per second (each long message counts once). Must be > 0. */
  rate: number;
  /** Text of each message, or a function of the message's index. @default 'MO message <index>' */
  text?: string | ((index: number) => string);
  /** Stop after this many messages. @default unlimited */
  count?: number;
}

/** What {@link SmscSimulator.sendMalformed} writes. */
export type MalformedKind =
  /** A deliver_sm whose command_length frames it correctly but whose body ends inside the mandatory fields. */
  | 'truncated-body'
  /** A header with command_length 8 (< 16, §3.2): the stream can no longer be framed. */
  | 'bad-command-length'
  /** A well-framed PDU with an unknown command_id (0x000001FE): the ESME should answer generic_nack. */
  | 'unknown-command';

/**
 * Fault switches. Each can be given at start and changed at run time with `setFaults`; an omitted or
 * `undefined` switch is off. Counters behind "every Nth" switches restart when the switch is set.
 */
export interface FaultOptions {
  /** Answer every Nth submit (submit_sm, submit_multi, data_sm) with ESME_RTHROTTLED. */
  throttleEveryNth?: number;
  /** Answer submits above this many per second (whole simulator, token bucket of one second) with ESME_RTHROTTLED. */
  throttleAboveRate?: number;
  /** Answer every Nth submit with ESME_RMSGQFUL (1 = the queue is always full). */
  queueFullEveryNth?: number;
  /**
   * Delay every response by this long (responses with random delays may overtake each other, as on real SMSCs).
   * unbind_resp is never delayed: the connection closes right after it.
   */
  responseDelayMs?: DelaySpec;
  /** Never answer every Nth request whose command is in `neverAnswerCommands`; it is dropped unprocessed. */
  neverAnswerEveryNth?: number;
  /** Commands `neverAnswerEveryNth` applies to. @default ['submit_sm', 'submit_multi', 'data_sm'] */
  neverAnswerCommands?: CommandName[];
  /** Destroy a connection once it has received this many PDUs (the Nth is answered, later ones are not). */
  dropAfterPdus?: number;
  /** Destroy each bound connection at a random moment within this window after its bind (or after the switch is set). */
  randomDropMs?: { min: number; max: number };
  /** Send an unbind this long after each bind, then close once unbind_resp arrives (or after 2 s). */
  unbindAfterMs?: number;
  /** Send enquire_link on every bound connection at this interval. */
  enquireLinkIntervalMs?: number;
  /** Close a connection whose enquire_link is unanswered for this long. @default enquireLinkIntervalMs */
  enquireLinkTimeoutMs?: number;
  /** After every Nth request PDU received on a connection, write malformed bytes. */
  malformedEveryNth?: number;
  /** What `malformedEveryNth` writes. @default 'truncated-body' */
  malformedKind?: MalformedKind;
  /**
   * Early receipts: an accepted submit that asks for a receipt reaches its final state at once, and its
   * deliver_sm receipt is sent before its response; every submit response then waits this long (fixed or
   * random; 0 = right after the receipt). Overrides `receipts.delayMs`, and `responseDelayMs` for submit
   * responses. An SMSC with a slow response path, or one whose receipts come from another node, does this.
   */
  receiptBeforeResponse?: DelaySpec;
}

/** Options of {@link SmscSimulator.start}. */
export interface SmscSimulatorOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** TCP port; 0 picks a free one (read it back from `sim.port`). @default 0 */
  port?: number;
  /** system_id the simulator returns in bind responses. @default 'naz-smsc' */
  systemId?: string;
  /**
   * Accounts allowed to bind. Omitted: any system_id and password bind. An unknown system_id gets
   * ESME_RINVSYSID, a wrong password ESME_RINVPASWD.
   */
  credentials?: SimulatorCredential[];
  /**
   * The most simultaneous binds one system_id may hold; a bind beyond it is answered ESME_RALYBND, as real SMSCs
   * do with an account's bind limit. A credential's `maxBinds` overrides it for that account.
   * @default unlimited
   */
  maxBindsPerAccount?: number;
  /** Message id format. @default 'decimal' */
  messageIdFormat?: MessageIdFormat;
  /** First message id counter value. @default 1 */
  messageIdStart?: number;
  /** How many submitted messages are kept for query_sm / cancel_sm / replace_sm (oldest evicted first). @default 100000 */
  storeCapacity?: number;
  /** Largest command_length accepted; larger ones get generic_nack ESME_RINVCMDLEN and a close. @default 70000 */
  maxCommandLength?: number;
  /**
   * Most deliver_sm (receipts and MO) a connection may have unanswered; more wait in order until deliver_sm_resp
   * frees a slot, as on a real SMSC. An ESME that never answers stalls its own deliveries. 0 = no limit.
   * @default 0
   */
  deliverWindow?: number;
  /** Delivery receipts. */
  receipts?: ReceiptOptions;
  /** Start MO traffic as soon as the simulator listens. */
  mo?: MoTrafficOptions;
  /** Fault switches active from the start. */
  faults?: FaultOptions;
  /** Structured logger. @default silent (the CLI logs JSON to stderr) */
  logger?: NazLogger;
  /**
   * Serve the web console (sessions, live traffic, counters, message store, MO form, fault switches) over
   * HTTP on 127.0.0.1 unless `host` says otherwise; `sim.console.url` is its address.
   *
   * @example SmscSimulator.start({ http: { port: 0 } })
   */
  http?: SimulatorConsoleOptions;
}
