import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { CommandStatus } from '../protocol/command-status.js';
import type { PduInput, ReplaceSm } from '../protocol/pdu.types.js';
import type { ConnectionHost } from './connection/connection-host.interface.js';
import { SmscConnection, type SessionInfo } from './connection/smsc-connection.js';
import { drawDelay, validateDelay } from './faults/delay-spec.js';
import { FaultState } from './faults/fault-state.js';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import { silentLogger } from '../logging/safe-logger.js';
import { buildMoPdus } from './mo/build-mo.js';
import { startMoTraffic, type MoTraffic } from './mo/mo-traffic.js';
import { buildReceipt } from './receipts/build-receipt.js';
import { ReceiptEncoder } from './receipts/receipt-encoder.js';
import { DelayQueue } from './receipts/delay-queue.js';
import { validateReceiptRoute } from './receipts/receipt-route.js';
import { RECEIPT_STATE_NAMES, ReceiptStatePicker } from './receipts/receipt-state.js';
import { validateSimulatorOptions } from './validate-options.js';
import { SimulatorConsole } from './console/simulator-console.js';
import type { SimulatorPduEvent } from './tap/simulator-pdu-event.interface.js';
import { splitWrittenPdus } from './tap/split-written-pdus.js';
import type {
  FaultOptions,
  MalformedKind,
  MoMessage,
  MoTrafficOptions,
  ReceiptOptions,
  SmscSimulatorOptions,
} from './simulator-options.interface.js';
import { SimulatorStats, type SimulatorStatsSnapshot } from './stats/simulator-stats.js';
import { MessageIdAllocator } from './store/message-id.js';
import { MessageStore } from './store/message-store.js';
import { SimulatorMessages } from './store/simulator-messages.js';
import {
  StoredMessageOperations,
  decodeStored,
  type StoredRequest,
} from './store/stored-message-operations.js';

/** A message the simulator accepted, as the 'submit' event reports it. */
export interface SubmittedMessage {
  messageId: string;
  /** system_id of the submitting session. */
  systemId: string;
  /** Connection number (see `sessions`). */
  connectionId: number;
  /** The decoded request. */
  pdu: StoredRequest;
}

/** Events of {@link SmscSimulator}. */
export interface SmscSimulatorEvents {
  /** A submit_sm, data_sm or submit_multi was accepted. Listening makes every submit decoded (slower path). */
  submit: [SubmittedMessage];
  /** A bind succeeded. */
  bind: [SessionInfo];
  /** A connection closed. */
  close: [SessionInfo];
  /**
   * Every PDU read and written, as bytes (a wire tap; the web console is built on it). Listening costs a
   * split and an event per PDU, but keeps the submit fast path: nothing is decoded unless the listener does it.
   */
  pdu: [SimulatorPduEvent];
}

/** Which sessions a run-time action targets; all when omitted. */
export interface SessionFilter {
  systemId?: string;
  connectionId?: number;
}

const DEFAULT_PORT = 0;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_RECEIPT_DELAY_MS = 1000;
const DELIVRD = RECEIPT_STATE_NAMES.indexOf('DELIVRD');
const DELETED = RECEIPT_STATE_NAMES.indexOf('DELETED');
/** Receipts waiting for a receiving bind, per system_id, before the oldest are dropped. */
const MAX_HELD_RECEIPTS = 100_000;

/**
 * An SMSC simulator built on the library's protocol layer: accepts binds, answers every SMPP 3.4 request, stores
 * messages for query/cancel/replace, sends delivery receipts and MO traffic, and injects faults on demand.
 *
 * @example
 * const sim = await SmscSimulator.start({ credentials: [{ system_id: 'esme', password: 'secret' }] });
 * // connect an ESME to sim.host:sim.port ...
 * sim.setFaults({ throttleEveryNth: 3 });
 * console.log(sim.stats().statuses);
 * await sim.stop();
 */
export class SmscSimulator extends EventEmitter<SmscSimulatorEvents> {
  /** Interface the simulator listens on. */
  readonly host: string;
  /** The port it listens on (the one picked when started with port 0). */
  readonly port: number;
  /** system_id returned in bind responses. */
  readonly systemId: string;
  /** Largest command_length accepted. */
  readonly maxCommandLength: number;
  /** Unanswered deliver_sm allowed per connection (0 = no limit). */
  readonly deliverWindow: number;
  /** Where the simulator logs (silent unless given). */
  readonly logger: NazLogger;
  /** Stored messages by id. */
  readonly messages: SimulatorMessages;

  private readonly counters: SimulatorStats;
  private readonly faultState: FaultState;
  /** What connections see of the simulator; kept off the public surface. */
  private readonly connectionHost: ConnectionHost;
  private readonly connections = new Set<SmscConnection>();
  private readonly receivers = new Map<string, SmscConnection[]>();
  private readonly heldReceipts = new Map<string, number[]>();
  private readonly credentials: Map<string, string> | undefined;
  private readonly maxBindsPerAccount: number;
  private readonly maxBindsByAccount: Map<string, number>;
  private readonly ids: MessageIdAllocator;
  private readonly store: MessageStore;
  private readonly operations: StoredMessageOperations;
  private readonly receiptQueue: DelayQueue<number>;
  /**
   * Receipts due at once (delay 0): sent before the connection that accepted them writes, so a submit_sm_resp
   * and its receipt share one write (see {@link sendDueReceipts}).
   */
  private readonly dueNow: number[] = [];
  private readonly receiptEncoder = new ReceiptEncoder();
  private readonly moTraffic = new Set<MoTraffic>();
  private receipts: Required<Pick<ReceiptOptions, 'enabled' | 'route'>> & Pick<ReceiptOptions, 'delayMs'>;
  private statePicker: ReceiptStatePicker;
  private webConsole: SimulatorConsole | undefined;
  private nextConnectionId = 1;
  private moReference = 0;
  private roundRobin = 0;
  private stopped = false;

  private constructor(
    private readonly server: Server,
    options: SmscSimulatorOptions,
  ) {
    super();
    const address = server.address();
    if (address === null || typeof address === 'string')
      throw new Error('simulator server has no TCP address');
    this.host = address.address;
    this.port = address.port;
    this.systemId = options.systemId ?? 'naz-smsc';
    this.maxCommandLength = options.maxCommandLength ?? 70_000;
    this.deliverWindow = options.deliverWindow ?? 0;
    this.logger = options.logger ?? silentLogger;
    this.counters = new SimulatorStats();
    this.faultState = new FaultState(options.faults);
    this.credentials =
      options.credentials === undefined
        ? undefined
        : new Map(options.credentials.map((c) => [c.system_id, c.password]));
    this.maxBindsPerAccount = options.maxBindsPerAccount ?? Infinity;
    this.maxBindsByAccount = new Map(
      (options.credentials ?? [])
        .filter((c) => c.maxBinds !== undefined)
        .map((c) => [c.system_id, c.maxBinds as number]),
    );
    this.ids = new MessageIdAllocator(options.messageIdFormat, options.messageIdStart);
    this.store = new MessageStore(options.storeCapacity ?? 100_000);
    this.operations = new StoredMessageOperations(this.store, this.ids);
    this.messages = new SimulatorMessages(this.store, this.ids);
    this.receiptQueue = new DelayQueue<number>((counters) => this.onReceiptsDue(counters));
    this.receipts = { enabled: true, delayMs: DEFAULT_RECEIPT_DELAY_MS, route: 'origin' };
    this.statePicker = new ReceiptStatePicker({ DELIVRD: 1 });
    this.setReceipts(options.receipts ?? {});
    this.connectionHost = this.createConnectionHost();
    server.on('connection', (socket: Socket) => this.onConnection(socket));
  }

  /**
   * Starts a simulator and resolves once it listens.
   *
   * @throws RangeError naming the option when an option is out of range; the listen error when the port is taken.
   */
  static async start(options: SmscSimulatorOptions = {}): Promise<SmscSimulator> {
    const port = options.port ?? DEFAULT_PORT;
    // Validate everything before opening a socket, so a bad option never leaves a listener behind.
    validateSimulatorOptions(options);
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    let sim: SmscSimulator;
    try {
      sim = new SmscSimulator(server, options);
    } catch (error) {
      server.close();
      throw error;
    }
    sim.logger.info('listening', { host: sim.host, port: sim.port, system_id: sim.systemId });
    if (options.http !== undefined) {
      try {
        sim.webConsole = await SimulatorConsole.start(sim, options.http);
      } catch (error) {
        await sim.stop();
        throw error;
      }
      sim.logger.info('console listening', { url: sim.webConsole.url });
    }
    if (options.mo !== undefined) sim.startMoTraffic(options.mo);
    return sim;
  }

  /** `host:port`, e.g. `127.0.0.1:40123`. */
  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** `smpp://host:port`, the URL form node-smpp and most clients take. */
  get url(): string {
    return `smpp://${this.address}`;
  }

  /** The web console, when started with the `http` option (its address is `sim.console.url`). */
  get console(): SimulatorConsole | undefined {
    return this.webConsole;
  }

  /** The fault switches in force (a copy; change them with {@link setFaults}). */
  get faults(): FaultOptions {
    return this.faultState.current();
  }

  /** Live connections, bound or not. */
  get sessions(): SessionInfo[] {
    return [...this.connections].map((c) => c.info());
  }

  /** Counters per command and status, connections, binds, receipts, MO and faults. */
  stats(): SimulatorStatsSnapshot {
    for (const connection of this.connections) connection.flush(); // fold in the hot path's batched counts
    let held = 0;
    for (const list of this.heldReceipts.values()) held += list.length;
    let queued = 0;
    for (const connection of this.connections) queued += connection.deliverQueued;
    return this.counters.snapshot({
      faults: this.faultState.counters,
      store: { size: this.store.size, capacity: this.store.capacity },
      receiptsPending: this.receiptQueue.size + this.dueNow.length + held,
      deliverSmQueued: queued,
    });
  }

  /**
   * Changes fault switches at run time: keys present change (set `undefined` to turn one off), others stay.
   * Connection-level timers (enquire_link, unbind, random drop) are re-armed on every bound connection.
   *
   * @example sim.setFaults({ throttleEveryNth: 3, responseDelayMs: { min: 10, max: 50 } })
   */
  setFaults(patch: FaultOptions): void {
    this.faultState.set(patch);
    this.logger.info('faults changed', { faults: this.faultState.current() });
    for (const connection of this.connections) connection.applyFaultTimers();
  }

  /** Turns every fault off. */
  clearFaults(): void {
    this.faultState.clear();
    for (const connection of this.connections) connection.applyFaultTimers();
  }

  /**
   * Changes receipt behaviour at run time (applies to messages submitted from now on).
   *
   * @throws RangeError naming the option when the delay or the state mix is invalid.
   */
  setReceipts(options: ReceiptOptions): void {
    validateDelay('receipts.delayMs', options.delayMs);
    validateReceiptRoute(options.route);
    if (options.states !== undefined) this.statePicker = new ReceiptStatePicker(options.states);
    this.receipts = {
      enabled: options.enabled ?? this.receipts.enabled,
      delayMs: options.delayMs ?? this.receipts.delayMs,
      route: options.route ?? this.receipts.route,
    };
  }

  /**
   * Sends one MO message to a receiving session (the given system_id's, else the sessions take turns).
   *
   * @returns the number of deliver_sm PDUs sent: more than 1 for a long message, 0 when no session can receive.
   */
  sendMo(message: MoMessage = {}): number {
    const target = this.pickReceiver(message.system_id);
    this.counters.moSent++;
    if (target === undefined) {
      this.logger.debug('MO dropped: no receiving session', { system_id: message.system_id });
      return 0;
    }
    const reference = this.moReference;
    this.moReference = (this.moReference + 1) & 0xffff;
    const pdus = buildMoPdus(message, reference);
    for (const pdu of pdus) target.sendRequest(pdu);
    this.counters.moPdusSent += pdus.length;
    return pdus.length;
  }

  /**
   * Starts MO traffic at `rate` messages per second; stop it with the returned handle (or {@link stop}).
   *
   * @throws RangeError when the rate is not > 0.
   */
  startMoTraffic(options: MoTrafficOptions): MoTraffic {
    const traffic = startMoTraffic(options, (message) => this.sendMo(message));
    this.moTraffic.add(traffic);
    void traffic.done.then(() => this.moTraffic.delete(traffic));
    return traffic;
  }

  /** Sends unbind on the matching bound sessions; each closes on unbind_resp. Returns how many. */
  sendUnbind(filter: SessionFilter = {}): number {
    return this.forEach(
      filter,
      (c) => c.bindType !== undefined,
      (c) => c.sendUnbind(),
    );
  }

  /** Drops the matching connections at once (no unbind), like a network failure. Returns how many. */
  dropConnections(filter: SessionFilter = {}): number {
    return this.forEach(
      filter,
      () => true,
      (c) => c.drop('dropConnections()'),
    );
  }

  /** Writes malformed bytes (a kind, or your bytes) to the matching connections. Returns how many. */
  sendMalformed(kindOrBytes: MalformedKind | Buffer = 'truncated-body', filter: SessionFilter = {}): number {
    return this.forEach(
      filter,
      () => true,
      (c) => c.sendMalformed(kindOrBytes),
    );
  }

  /** Closes every connection and the listener; pending receipts and MO traffic are discarded. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.webConsole?.stop();
    for (const traffic of this.moTraffic) traffic.stop();
    this.receiptQueue.clear();
    this.dueNow.length = 0;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.socket.destroy();
    await closed;
    this.logger.info('stopped', { port: this.port });
  }

  // ---- what connections call -----------------------------------------------------------------------------

  private createConnectionHost(): ConnectionHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const sim = this;
    return {
      faultState: this.faultState,
      counters: this.counters,
      logger: this.logger,
      systemId: this.systemId,
      maxCommandLength: this.maxCommandLength,
      deliverWindow: this.deliverWindow,
      get wantsDecodedSubmits() {
        return sim.listenerCount('submit') > 0;
      },
      get tapping() {
        return sim.listenerCount('pdu') > 0;
      },
      tap: (c, direction, bytes) => this.tap(c, direction, bytes),
      authenticate: (systemId, password) => this.authenticate(systemId, password),
      acceptRaw: (c, frame, registeredDelivery, now) => this.acceptRaw(c, frame, registeredDelivery, now),
      acceptDecoded: (c, frame, request, now) => this.acceptDecoded(c, frame, request, now),
      sendDueReceipts: this.sendDueReceipts,
      query: (c, pdu, now) => this.operations.query(c.systemId, pdu, now),
      cancel: (c, pdu, now) => this.operations.cancel(c.systemId, pdu, now),
      replace: (c, pdu, now) => this.replace(c, pdu, now),
      onBound: (c) => this.onBound(c),
      onClosed: (c) => this.onClosed(c),
    };
  }

  private tap(connection: SmscConnection, direction: 'received' | 'sent', bytes: Buffer): void {
    const at = Date.now();
    const frames = direction === 'received' ? [bytes] : splitWrittenPdus(bytes);
    for (const frame of frames) {
      this.emit('pdu', { direction, connectionId: connection.id, systemId: connection.systemId, frame, at });
    }
  }

  private authenticate(systemId: string, password: string): number {
    if (this.credentials !== undefined) {
      const expected = this.credentials.get(systemId);
      if (expected === undefined) return CommandStatus.ESME_RINVSYSID;
      if (expected !== password) return CommandStatus.ESME_RINVPASWD;
    }
    const limit = this.maxBindsByAccount.get(systemId) ?? this.maxBindsPerAccount;
    if (limit !== Infinity && this.boundCount(systemId) >= limit) return CommandStatus.ESME_RALYBND;
    return CommandStatus.ESME_ROK;
  }

  /**
   * Binds `systemId` holds now, as the bind limit (`maxBindsPerAccount`) counts them: bound connections that are
   * not closing (an unbound one stops counting at its unbind, before its socket closes).
   */
  bindsHeld(systemId: string): number {
    return this.boundCount(systemId);
  }

  /** Connections bound with `systemId` now (the bind type is set in the same turn as the bind is accepted). */
  private boundCount(systemId: string): number {
    let n = 0;
    for (const c of this.connections)
      if (c.bindType !== undefined && c.systemId === systemId && !c.closing) n++;
    return n;
  }

  private acceptRaw(
    connection: SmscConnection,
    frame: Buffer,
    registeredDelivery: number,
    now: number,
  ): string {
    const counter = this.ids.next();
    const wantsReceipt = (registeredDelivery & 0x03) !== 0 && this.receipts.enabled;
    // receiptBeforeResponse: final at once, and the receipt written before the caller queues the response.
    const receiptFirst = wantsReceipt && this.faultState.receiptsFirst;
    const delay = receiptFirst ? 0 : drawDelay(this.receipts.delayMs);
    // The frame is kept as the framer's view of the read buffer: copying it measured no smaller RSS and more CPU.
    this.store.put(
      counter,
      frame,
      connection,
      connection.systemId,
      now,
      now + delay,
      this.statePicker.pick(),
    );
    if (wantsReceipt) {
      this.store.markReceiptScheduled(counter);
      if (receiptFirst) this.onReceiptsDue([counter], now);
      else if (delay <= 0) this.queueDueNow(counter);
      else this.receiptQueue.add(counter, delay, now);
    }
    return this.ids.render(counter);
  }

  private acceptDecoded(
    connection: SmscConnection,
    frame: Buffer,
    request: StoredRequest,
    now: number,
  ): string {
    const messageId = this.acceptRaw(connection, frame, request.registered_delivery, now);
    this.counters.submitsAccepted++;
    if (this.listenerCount('submit') > 0) {
      this.emit('submit', {
        messageId,
        systemId: connection.systemId,
        connectionId: connection.id,
        pdu: request,
      });
    }
    return messageId;
  }

  private replace(connection: SmscConnection, pdu: ReplaceSm, now: number): PduInput<'replace_sm_resp'> {
    const outcome = this.operations.replace(connection.systemId, pdu, now);
    if (outcome.wantsReceipt !== undefined && this.receipts.enabled) {
      const view = this.store.get(outcome.wantsReceipt, now);
      if (view !== undefined) {
        this.store.markReceiptScheduled(outcome.wantsReceipt);
        this.receiptQueue.add(outcome.wantsReceipt, view.finalAt - now, now);
      }
    }
    return outcome.response;
  }

  private onBound(connection: SmscConnection): void {
    const info = connection.info();
    if (connection.canReceive) {
      const list = this.receivers.get(connection.systemId) ?? [];
      list.push(connection);
      this.receivers.set(connection.systemId, list);
      const held = this.heldReceipts.get(connection.systemId);
      if (held !== undefined) {
        this.heldReceipts.delete(connection.systemId);
        this.onReceiptsDue(held);
      }
    }
    this.emit('bind', info);
  }

  private onClosed(connection: SmscConnection): void {
    if (!this.connections.delete(connection)) return;
    this.counters.connectionsOpen--;
    const list = this.receivers.get(connection.systemId);
    if (list !== undefined) {
      const remaining = list.filter((c) => c !== connection);
      if (remaining.length > 0) this.receivers.set(connection.systemId, remaining);
      else this.receivers.delete(connection.systemId);
    }
    const info = connection.info();
    this.logger.info('close', {
      connection: connection.id,
      system_id: connection.systemId,
      pdus: info.pdusReceived,
    });
    this.emit('close', info);
  }

  // ---- internals ------------------------------------------------------------------------------------------

  private onConnection(socket: Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    const connection = new SmscConnection(this.nextConnectionId++, socket, this.connectionHost);
    this.connections.add(connection);
    this.counters.connectionsOpen++;
    this.counters.connectionsTotal++;
    this.logger.info('connect', {
      connection: connection.id,
      remote: `${socket.remoteAddress}:${socket.remotePort}`,
    });
  }

  private forEach(
    filter: SessionFilter,
    eligible: (c: SmscConnection) => boolean,
    action: (c: SmscConnection) => void,
  ): number {
    let n = 0;
    for (const connection of [...this.connections]) {
      if (connection.closing || !eligible(connection)) continue;
      if (filter.systemId !== undefined && connection.systemId !== filter.systemId) continue;
      if (filter.connectionId !== undefined && connection.id !== filter.connectionId) continue;
      action(connection);
      n++;
    }
    return n;
  }

  /** The session a receipt goes to, by `receipts.route`; undefined when none of the system_id can receive. */
  private receiptTarget(origin: unknown, systemId: string): SmscConnection | undefined {
    const route = this.receipts.route;
    const submitter = origin instanceof SmscConnection ? origin : undefined;
    if (route === 'origin' && submitter?.bindType === 'transceiver' && submitter.canReceive) return submitter;
    if (route === 'other') return this.pickReceiver(systemId, submitter) ?? this.pickReceiver(systemId);
    return this.pickReceiver(systemId);
  }

  /** A receiving session of `systemId` (any system_id when undefined) other than `except`, taking turns. */
  private pickReceiver(systemId: string | undefined, except?: SmscConnection): SmscConnection | undefined {
    let candidates: SmscConnection[];
    if (systemId !== undefined) candidates = this.receivers.get(systemId) ?? [];
    else candidates = [...this.receivers.values()].flat();
    candidates = candidates.filter((c) => c.canReceive && c !== except);
    if (candidates.length === 0) return undefined;
    this.roundRobin = (this.roundRobin + 1) % 0x7fffffff;
    return candidates[this.roundRobin % candidates.length];
  }

  /** A receipt due at once; a microtask sends it if no connection's read does first. */
  private queueDueNow(counter: number): void {
    if (this.dueNow.push(counter) === 1) queueMicrotask(this.sendDueReceipts);
  }

  /**
   * Sends the receipts due at once. A connection calls it at the end of each read, before it writes, so the
   * receipts of the submits in that read follow their submit_sm_resp in the same write: with a DelayQueue
   * `setImmediate` in between they took a write (and a read on the ESME's side) of their own.
   */
  private readonly sendDueReceipts = (): void => {
    const due = this.dueNow;
    if (due.length === 0) return;
    this.onReceiptsDue(due, Date.now());
    due.length = 0;
  };

  /** Sends the receipts that are due, holding those whose system_id has no receiving session yet. */
  private onReceiptsDue(counters: readonly number[], now = Date.now()): void {
    for (let i = 0; i < counters.length; i++) {
      const counter = counters[i];
      if (!this.sendReceiptEncoded(counter, now)) this.sendReceipt(counter, now);
    }
  }

  /**
   * The common receipt without decoding its submit: written by the {@link ReceiptEncoder} straight into the
   * target connection's batch. Returns false, having changed nothing, when {@link sendReceipt} must decide.
   */
  private sendReceiptEncoded(counter: number, now: number): boolean {
    const store = this.store;
    const stateIndex = store.stateIndexAt(counter, now);
    if (stateIndex < 0) return false;
    const encoder = this.receiptEncoder;
    const messageId = this.ids.render(counter);
    const frame = store.frameOf(counter);
    const length = encoder.measure(
      frame,
      messageId,
      stateIndex,
      store.submittedAtOf(counter),
      store.finalAtOf(counter),
    );
    if (length < 0) return false;
    if (stateIndex === DELETED) return true; // replaced to end DELETED: no receipt, as below
    const wanted = encoder.registeredDelivery & 0x03;
    // §5.2.17: 01 = receipt on success or failure, 10 = on failure only.
    if (wanted === 0 || (wanted === 2 && stateIndex === DELIVRD)) return true;
    const systemId = store.systemIdOf(counter);
    const target = this.receiptTarget(store.origin(counter), systemId);
    if (target === undefined) {
      this.holdReceipt(systemId, counter);
      return true;
    }
    if (!target.sendEncodedReceipt(encoder, length)) {
      // The deliver window is full: queue it as an object, as the general path does.
      const facts = {
        messageId,
        state: RECEIPT_STATE_NAMES[stateIndex],
        submittedAt: store.submittedAtOf(counter),
        doneAt: store.finalAtOf(counter),
      };
      target.sendRequest(buildReceipt(decodeStored(frame), facts));
    }
    this.counters.receiptsSent++;
    return true;
  }

  /** One due receipt by the general path: decoded submit, receipt object, schema encoder. */
  private sendReceipt(counter: number, now: number): void {
    const view = this.store.get(counter, now);
    if (view === undefined) {
      this.counters.receiptsDropped++;
      return;
    }
    if (view.state === 'ENROUTE' || view.state === 'DELETED') return; // cancelled, or replaced later
    const request = decodeStored(view.frame);
    const wanted = request.registered_delivery & 0x03;
    // §5.2.17: 01 = receipt on success or failure, 10 = on failure only.
    if (wanted === 0 || (wanted === 2 && view.state === 'DELIVRD')) return;
    const target = this.receiptTarget(this.store.origin(counter), view.systemId);
    if (target === undefined) {
      this.holdReceipt(view.systemId, counter);
      return;
    }
    const messageId = this.ids.render(counter);
    const facts = { messageId, state: view.state, submittedAt: view.submittedAt, doneAt: view.finalAt };
    if (request.command === 'submit_multi') {
      for (const dest of request.dest_addresses) {
        if (dest.dest_flag !== 1) continue;
        const recipient = { ton: dest.dest_addr_ton, npi: dest.dest_addr_npi, addr: dest.destination_addr };
        target.sendRequest(buildReceipt(request, { ...facts, recipient }));
        this.counters.receiptsSent++;
      }
    } else {
      target.sendRequest(buildReceipt(request, facts));
      this.counters.receiptsSent++;
    }
  }

  private holdReceipt(systemId: string, counter: number): void {
    const list = this.heldReceipts.get(systemId) ?? [];
    list.push(counter);
    if (list.length > MAX_HELD_RECEIPTS) {
      list.shift();
      this.counters.receiptsDropped++;
    }
    this.heldReceipts.set(systemId, list);
  }
}
