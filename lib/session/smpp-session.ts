import { toError } from '../errors/to-error.js';
import { EventEmitter } from 'node:events';
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import {
  CommandStatus,
  FramingError,
  PduDecodeError,
  PduFramer,
  decodePdu,
  describeStatus,
  encodedLength,
  formatStatus,
  responseCommandOf,
  statusName,
  writePdu,
  type RequestCommandName,
  type ResponseOf,
} from '../protocol/index.js';
import type {
  AlertNotification,
  BindReceiverResp,
  BindTransceiverResp,
  BindTransmitterResp,
  DataSm,
  DeliverSm,
  GenericNack,
  Outbind,
  AnyPduInput,
  Pdu,
  PduInput,
} from '../protocol/pdu.types.js';
import { connectSocket } from './connect-socket.js';
import { FrameWriter } from './frame-writer.js';
import { guardLogger } from './guarded-logger.js';
import { BindError } from './errors/bind.error.js';
import { ResponseTimeoutError } from './errors/response-timeout.error.js';
import { SessionClosedError } from './errors/session-closed.error.js';
import type { WindowTimeoutError } from './errors/window-timeout.error.js';
import {
  PendingRequest,
  type RequestCallback,
  type RequestReceiver,
  tellRequester,
} from './pending-request.js';
import { RequestWindow } from './request-window.js';
import { positiveDuration, resolveSessionOptions } from './resolve-session-options.js';
import { MAX_SEQUENCE_NUMBER } from '../protocol/pdu.constants.js';
import { InboundFlowControl } from './inbound-flow-control.js';
import { Keepalive } from './keepalive.js';
import { createSequenceGenerator } from './sequence-generator.js';
import type { SessionCloseEvent, SmppSessionEvents } from './session-events.interface.js';
import { ListenerPresence } from './listener-presence.js';
import type { SessionState, SessionStateChange } from './session-state.js';
import type { ResolvedSmppSessionOptions, SmppSessionOptions } from './smpp-session-options.interface.js';

/** Options of one {@link SmppSession.request} call. */
export interface SessionRequestOptions {
  /** Response timeout of this request, instead of the session's `responseTimeoutMs`. */
  timeoutMs?: number;
}

/** Any request PDU input, as a union over the request commands. */
type AnyRequestInput = { [C in RequestCommandName]: PduInput<C> }[RequestCommandName];

const BIND_COMMANDS = {
  transmitter: 'bind_transmitter',
  receiver: 'bind_receiver',
  transceiver: 'bind_transceiver',
} as const;

/** request command → its response command, memoised: `responseCommandOf` builds a string per call. */
const RESPONSE_COMMAND = new Map<string, string | undefined>();
function responseCommandFor(command: RequestCommandName): string | undefined {
  let response = RESPONSE_COMMAND.get(command);
  if (response === undefined && !RESPONSE_COMMAND.has(command)) {
    response = responseCommandOf(command);
    RESPONSE_COMMAND.set(command, response);
  }
  return response;
}

/** ESME_RX_T_APPN: answered when the inbound handler throws (SMPP 3.4 Table 5-2: temporary app error). */
const INBOUND_HANDLER_ERROR_STATUS = CommandStatus.ESME_RX_T_APPN;

/** A tick's batch is written as soon as it reaches this size, so socket back-pressure is seen early. */
const MAX_BATCH_BYTES = 64 * 1024;

/** How long a graceful end may take before the socket is destroyed anyway. */
const END_GRACE_MS = 2_000;

/**
 * One SMPP connection to an SMSC: connects (TCP or TLS), binds, sends requests through a bounded window,
 * answers what the SMSC sends, keeps the link alive, and closes.
 *
 * @remarks
 * No policy lives here (no retry, no reconnect, no rate limit): {@link SmppSession} is the engine the client
 * drives. States go `closed → connecting → binding → bound → unbinding → closed` (see the 'state' event);
 * a closed session may be opened again.
 *
 * What the session answers by itself (SMPP 3.4 §4): enquire_link (at once, outside the window),
 * deliver_sm and data_sm (after `inboundHandler` resolves), unbind (unbind_resp, then close), unknown or
 * undecodable requests (generic_nack), and framing errors (generic_nack ESME_RINVCMDLEN, then close).
 *
 * @example
 * ```ts
 * const session = new SmppSession({ host: 'smsc.example', port: 2775, systemId: 'acme', password: 'secret' });
 * await session.open();
 * const resp = await session.request({ command: 'submit_sm', destination_addr: '447700900123',
 *   short_message: Buffer.from('hello') });
 * if (resp.command_status === 0 && resp.command === 'submit_sm_resp') console.log(resp.message_id);
 * await session.close();
 * ```
 */
export class SmppSession extends EventEmitter<SmppSessionEvents> {
  /** Whether anyone listens to 'pdu': checked per PDU read. */
  private readonly listening = new ListenerPresence(this as unknown as EventEmitter, ['pdu']);
  private readonly options: ResolvedSmppSessionOptions;
  private readonly logger: NazLogger;
  private readonly nextSequence: () => number;
  private readonly window: RequestWindow;
  private currentState: SessionState = 'closed';
  private socket: net.Socket | undefined;
  private framer: PduFramer | undefined;
  private smscSystemId = '';
  /** Aborts a connect in progress when the session is closed meanwhile. */
  private connectAbort: AbortController | undefined;
  private closing: Promise<void> | undefined;
  private closeReason: string | undefined;

  // Write batching: frames written in one tick are encoded into one slab region and go out in one
  // socket.write (see flush()).
  private readonly writer = new FrameWriter();
  private flushScheduled = false;
  /**
   * performance.now() read for the first request of the open batch (-1: not read yet): the requests of one
   * batch leave in one write, so one reading starts all their response timeouts (a clock read cost about
   * as much as the rest of a request's bookkeeping). Reset whenever a batch opens or leaves, so it is never
   * older than the tick that wrote the batch (a timeout may start up to that tick's length early).
   */
  private batchClock = -1;
  /** False between a socket.write() that returned false and the next 'drain' (back-pressure). */
  private writable = true;
  /**
   * True while {@link onData} handles a read's frames. A response that frees a slot hands it to a request
   * waiting for one (`pump`), which fills the window again; flushing then, as `send` does when the window
   * fills, would write once per response. The read's refills leave together when its frames are done.
   */
  private handlingFrames = false;
  /** The window filled while {@link handlingFrames}: flush once the read's frames are handled. */
  private flushAfterFrames = false;

  private readonly inbound: InboundFlowControl;

  private readonly keepalive: Keepalive;

  /**
   * @param options - see {@link SmppSessionOptions}; invalid values throw at once (RangeError/TypeError naming
   * the option).
   */
  constructor(options: SmppSessionOptions) {
    super();
    this.options = resolveSessionOptions(options);
    this.logger = guardLogger(this.options.logger);
    this.nextSequence = this.options.sequenceGenerator ?? createSequenceGenerator();
    this.window = new RequestWindow(this.options.windowSize, {
      onResponseTimeout: (entry, error) => this.onResponseTimeout(entry, error),
      onWaitTimeout: (entry, error) => this.onWaitTimeout(entry, error),
    });
    this.inbound = new InboundFlowControl(this.options.maxPendingInbound);
    this.keepalive = new Keepalive(this.options.enquireLinkIntervalMs, this.options.enquireLinkTimeoutMs, {
      isBound: () => this.currentState === 'bound',
      enquireLink: (timeoutMs) => this.requestOutOfBand({ command: 'enquire_link' }, timeoutMs),
      onDead: (error) => {
        this.logger.warn('no enquire_link_resp: the link is dead', {
          timeoutMs: this.options.enquireLinkTimeoutMs,
        });
        this.finish('enquire_link timeout', error, 'destroy');
      },
    });
  }

  /** As `EventEmitter`'s; then puts back the tracking of 'pdu' listeners that removing every listener took. */
  override removeAllListeners(
    ...args: Parameters<EventEmitter<SmppSessionEvents>['removeAllListeners']>
  ): this {
    super.removeAllListeners(...args);
    this.listening.refresh();
    return this;
  }

  /** Current state (`closed`, `connecting`, `binding`, `bound`, `unbinding`). */
  get state(): SessionState {
    return this.currentState;
  }

  /** Requests written and awaiting their response (bind, unbind and enquire_link excluded). */
  get inFlight(): number {
    return this.window.inFlight;
  }

  /** Requests waiting for a free window slot. */
  get waiting(): number {
    return this.window.waiting.length;
  }

  /** Inbound deliver_sm / data_sm whose handler has not finished yet. */
  get pendingInboundCount(): number {
    return this.inbound.pending;
  }

  /**
   * Maximum requests in flight. Settable at run time (congestion control): a larger window sends waiting
   * requests at once; a smaller one lets the excess finish and holds new ones back.
   */
  get windowSize(): number {
    return this.window.size;
  }
  set windowSize(size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`windowSize must be an integer >= 1, got ${String(size)}`);
    }
    this.window.size = size;
    this.pump();
  }

  /** Round-trip time of the last answered enquire_link sent by the keepalive, in ms. */
  get lastEnquireLinkRttMs(): number | undefined {
    return this.keepalive.lastRttMs;
  }

  /** The SMSC's system_id from the bind response ('' until bound). */
  get systemId(): string {
    return this.smscSystemId;
  }

  /**
   * Connects and binds. Resolves once the SMSC accepted the bind (state `bound`).
   *
   * @throws ConnectError (refused, timed out, TLS verification), BindError (the SMSC rejected the bind; the
   * message names the status), ResponseTimeoutError (no bind response within `bindTimeoutMs`),
   * SessionClosedError (closed meanwhile, or the SMSC dropped the connection during the bind).
   * On any failure the session is closed again and may be reopened.
   */
  async open(): Promise<void> {
    if (this.currentState !== 'closed') {
      throw new Error(`open() needs a closed session; this one is ${this.currentState}`);
    }
    const { host, port } = this.options;
    this.closeReason = undefined;
    this.setState('connecting', `connecting to ${host}:${port}`);
    const abort = new AbortController();
    this.connectAbort = abort;
    let socket: net.Socket;
    try {
      socket = await connectSocket({
        host,
        port,
        tls: this.options.tls,
        timeoutMs: this.options.connectTimeoutMs,
        signal: abort.signal,
      });
    } catch (error) {
      const failure = toError(error);
      if (abort.signal.aborted)
        throw new SessionClosedError(this.closeReason ?? 'closed while connecting', failure);
      this.finish(failure.message, failure, 'destroy');
      throw failure;
    } finally {
      this.connectAbort = undefined;
    }
    if (abort.signal.aborted) {
      socket.destroy();
      throw new SessionClosedError(this.closeReason ?? 'closed while connecting');
    }
    this.attach(socket);
    this.setState('binding', 'connected');

    const bindCommand = BIND_COMMANDS[this.options.bindMode];
    let response: Pdu;
    try {
      response = await this.requestOutOfBand(
        {
          command: bindCommand,
          system_id: this.options.systemId,
          password: this.options.password,
          system_type: this.options.systemType,
          interface_version: this.options.interfaceVersion,
          addr_ton: this.options.addrTon,
          addr_npi: this.options.addrNpi,
          address_range: this.options.addressRange,
        },
        this.options.bindTimeoutMs,
      );
    } catch (error) {
      const failure = toError(error);
      this.finish(`${bindCommand} failed: ${failure.message}`, failure, 'destroy');
      throw failure;
    }
    if (response.command_status !== 0) {
      const status = response.command_status;
      const via = response.command === 'generic_nack' ? ' with generic_nack' : '';
      const error = new BindError(
        bindCommand,
        status,
        statusName(status),
        `${bindCommand} rejected${via}: ${formatStatus(status)} ${describeStatus(status)}`,
      );
      this.finish(`bind rejected: ${statusName(status)}`, error, 'destroy');
      throw error;
    }
    this.smscSystemId =
      (response as BindTransmitterResp | BindReceiverResp | BindTransceiverResp).system_id ?? '';
    this.setState('bound', 'bind accepted');
    this.logger.info('SMPP session bound', {
      host,
      port,
      bindMode: this.options.bindMode,
      systemId: this.options.systemId,
      smscSystemId: this.smscSystemId,
    });
    this.keepalive.start();
    this.pump();
  }

  /**
   * Sends a request and resolves with its response, whatever its command_status (a generic_nack included).
   *
   * @remarks
   * Waits (at most `windowWaitTimeoutMs`) while the window is full, the socket is not writable, or the session
   * is still connecting/binding. Assigns the sequence_number (any given one is replaced).
   * @throws ResponseTimeoutError (no response in time; the slot is freed and a late response dropped),
   * SessionClosedError (the session closed: every pending request fails at once), WindowTimeoutError (never
   * sent), PduEncodeError (the PDU breaks a spec limit; nothing sent).
   */
  request<C extends RequestCommandName>(
    pdu: PduInput<C>,
    options?: SessionRequestOptions,
  ): Promise<ResponseOf<C> | GenericNack> {
    return new Promise<ResponseOf<C> | GenericNack>((resolve, reject) =>
      this.requestWithCallback(
        pdu,
        (error, response) =>
          error === undefined ? resolve(response as ResponseOf<C> | GenericNack) : reject(error),
        options,
      ),
    );
  }

  /**
   * {@link SmppSession.request} for high-rate callers: the same rules (window, waits, timeouts, errors), with
   * the outcome passed to `callback` instead of a promise, which spares a promise and its reactions per request.
   *
   * @remarks
   * `callback` is called exactly once: `(undefined, response)` on any response (a generic_nack included), or
   * `(error)` with the errors `request()` rejects with. It is called synchronously from the session's socket
   * handler when the response arrives (a failure to even send is reported in a later microtask, never during
   * this call). It should not throw: a throw is logged and the session carries on. An object with a
   * `requestDone(error, response)` method may stand in for the function: a caller with a record per request
   * then needs no closure.
   */
  requestWithCallback<C extends RequestCommandName>(
    pdu: PduInput<C>,
    callback: RequestCallback | RequestReceiver,
    options?: SessionRequestOptions,
  ): void {
    const state = this.currentState;
    if (state === 'closed' || state === 'unbinding') {
      this.failSoon(callback, new SessionClosedError(this.closeReason ?? `session is ${state}`));
      return;
    }
    const responseCommand = responseCommandFor(pdu.command);
    if (responseCommand === undefined) {
      this.failSoon(
        callback,
        new TypeError(`${pdu.command} has no response (SMPP 3.4 §4); it cannot be sent with request()`),
      );
      return;
    }
    const timeoutMs = options?.timeoutMs ?? this.options.responseTimeoutMs;
    if (options?.timeoutMs !== undefined) {
      try {
        positiveDuration('timeoutMs', timeoutMs);
      } catch (error) {
        this.failSoon(callback, toError(error));
        return;
      }
    }
    // Encoded when sent (straight into the write batch); an encoding error is reported to the callback then.
    const entry = PendingRequest.windowed(pdu.command, responseCommand, pdu as Pdu, timeoutMs, callback);
    if (state === 'bound' && this.writable && this.window.waiting.length === 0 && this.window.hasFreeSlot()) {
      this.send(entry);
    } else {
      const now = performance.now();
      entry.queuedAt = now;
      entry.deadline = now + this.options.windowWaitTimeoutMs;
      this.window.enqueue(entry);
    }
  }

  /**
   * Closes gracefully: unbind (waiting at most `unbindTimeoutMs` for unbind_resp), then end the connection.
   * Requests still waiting for a slot fail at once; requests in flight may still get their responses until
   * the connection ends, then fail with SessionClosedError. Idempotent; never rejects.
   *
   * @param reason - recorded in the 'state' and 'close' events. @default 'closed by application'
   */
  close(reason = 'closed by application'): Promise<void> {
    if (this.closing) return this.closing;
    switch (this.currentState) {
      case 'closed':
        return Promise.resolve();
      case 'connecting':
      case 'binding':
        this.finish(reason, undefined, 'destroy');
        return Promise.resolve();
      case 'unbinding':
        // The SMSC unbound us; the session is already ending.
        return new Promise((resolve) => this.once('close', () => resolve()));
      case 'bound':
        this.closing = this.unbindAndEnd(reason).finally(() => {
          this.closing = undefined;
        });
        return this.closing;
    }
  }

  /**
   * Closes at once, without unbind: the socket is destroyed and every pending request fails with
   * SessionClosedError. Idempotent.
   *
   * @param reason - recorded in the 'state' and 'close' events and in the SessionClosedError.
   * @param error - the cause, if any.
   */
  destroy(reason: string, error?: Error): void {
    this.finish(reason, error, 'destroy');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Sending

  /** Bind, unbind and enquire_link: written at once, outside the window and regardless of back-pressure. */
  private requestOutOfBand(pdu: AnyRequestInput, timeoutMs: number): Promise<Pdu> {
    const responseCommand = responseCommandFor(pdu.command) ?? 'generic_nack';
    const observed = this.listenerCount('controlRequest') > 0 || this.listenerCount('controlResponse') > 0;
    const startedAt = performance.now();
    return new Promise<Pdu>((resolve, reject) => {
      let shown: Pdu | undefined;
      const entry = PendingRequest.outOfBand(
        pdu.command,
        responseCommand,
        pdu,
        timeoutMs,
        (error, response) => {
          if (error !== undefined) {
            reject(error);
            return;
          }
          if (shown !== undefined) {
            this.emitSafe('controlResponse', shown, response!, performance.now() - startedAt);
          }
          resolve(response!);
        },
      );
      this.send(entry, performance.now());
      if (observed && entry.sequenceNumber !== 0) {
        // As it went out (sequence_number stamped), minus the secret: hooks are user code that may log it.
        shown = { ...pdu, sequence_number: entry.sequenceNumber } as Pdu;
        if ('password' in shown) (shown as { password: string }).password = '***';
        this.emitSafe('controlRequest', shown);
      }
    });
  }

  /** Writes a request and starts its response timeout (`now`: a clock reading the caller has already). */
  private send(entry: PendingRequest, now?: number): void {
    const pdu = entry.pdu;
    const sequenceNumber = this.allocateSequenceNumber();
    if (pdu === undefined || sequenceNumber === undefined) {
      this.failSoon(
        entry.callback,
        new RangeError('sequenceGenerator returned no usable sequence_number (1..0x7FFFFFFF, unused)'),
      );
      return;
    }
    entry.pdu = undefined;
    try {
      this.writeFrame(pdu, sequenceNumber);
    } catch (error) {
      // PduEncodeError: the PDU breaks a spec limit; nothing was sent.
      this.failSoon(entry.callback, toError(error));
      return;
    }
    entry.sequenceNumber = sequenceNumber;
    if (now === undefined) {
      if (this.batchClock < 0) this.batchClock = performance.now();
      now = this.batchClock;
    }
    entry.deadline = now + entry.timeoutMs;
    this.window.track(entry);
    // The window just filled: nothing more can go until responses come, so the batch leaves now rather than
    // after whatever else this tick runs (a producer's burst of send() calls, for one), and the SMSC works
    // on it meanwhile.
    if (entry.counted && !this.window.hasFreeSlot()) {
      if (this.handlingFrames) this.flushAfterFrames = true;
      else this.flush();
    }
  }

  private allocateSequenceNumber(): number | undefined {
    // A wrapped counter (or a custom generator) can hit a number still in flight: skip it.
    for (let attempt = 0; attempt < 16; attempt++) {
      const candidate = this.nextSequence();
      if (
        Number.isInteger(candidate) &&
        candidate >= 1 &&
        candidate <= MAX_SEQUENCE_NUMBER &&
        !this.window.has(candidate)
      ) {
        return candidate;
      }
    }
    return undefined;
  }

  /** Sends waiting requests while there is a free slot and the socket takes data. */
  private pump(): void {
    if (this.currentState !== 'bound') return;
    const window = this.window;
    if (window.waiting.length === 0) return;
    const now = performance.now();
    while (this.writable && window.hasFreeSlot()) {
      const entry = window.waiting.shift();
      if (entry === undefined) break;
      this.send(entry, now);
    }
  }

  /**
   * Encodes a PDU into this tick's write batch.
   *
   * @param sequenceNumber - stamped over the PDU's own (requests get the session's, §3.2).
   * @throws PduEncodeError (nothing is left in the batch).
   */
  private writeFrame(pdu: Pdu | AnyPduInput, sequenceNumber?: number): void {
    const length = encodedLength(pdu);
    const writer = this.writer;
    const at = writer.reserve(length);
    try {
      writePdu(pdu, length, writer.slab, at);
    } catch (error) {
      writer.unreserve(at);
      throw error;
    }
    if (sequenceNumber !== undefined) writer.slab.writeUInt32BE(sequenceNumber, at + 12);
    if (writer.pendingBytes >= MAX_BATCH_BYTES) {
      // Large frames (message_payload) must meet back-pressure within the tick, not after it.
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.batchClock = -1;
      // The flush goes in a nextTick queued from a microtask: Node runs that tick only once the microtask
      // queue has drained, so everything the same I/O event leads to (responses written in the socket
      // handler itself, requests issued by promise continuations after it) shares one socket.write. A
      // nextTick queued straight from the socket handler would run before those microtasks and split the
      // batch: with receipts answered synchronously that doubled the writes (~1.9 instead of ~1.3 per 100
      // messages at window 100).
      queueMicrotask(this.scheduleFlush);
    }
  }

  private readonly scheduleFlush = (): void => {
    process.nextTick(this.flush);
  };

  private readonly flush = (): void => {
    this.flushScheduled = false;
    this.batchClock = -1;
    const data = this.writer.take();
    if (data === undefined) return;
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return;
    if (!socket.write(data)) this.writable = false;
  };

  private respond(pdu: Pdu): void {
    try {
      this.writeFrame(pdu);
    } catch (error) {
      this.logger.error('cannot encode a response', { command: pdu.command, error: errorMessage(error) });
    }
  }

  private genericNack(status: number, sequenceNumber: number): void {
    this.respond({ command: 'generic_nack', command_status: status, sequence_number: sequenceNumber });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Receiving

  private attach(socket: net.Socket): void {
    this.socket = socket;
    this.framer = new PduFramer({ maxCommandLength: this.options.maxCommandLength });
    this.writable = true;
    this.flushAfterFrames = false;
    this.inbound.reset();
    this.writer.discard();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('drain', () => {
      if (socket !== this.socket) return;
      this.writable = true;
      this.pump();
    });
    socket.on('error', (error: Error) => {
      if (socket !== this.socket) return;
      this.finish(`socket error: ${error.message}`, error, 'destroy');
    });
    socket.on('close', () => {
      if (socket !== this.socket) return;
      this.finish(this.closeReason ?? 'connection closed by SMSC', undefined, 'destroy');
    });
  }

  private onData(socket: net.Socket, chunk: Buffer): void {
    if (socket !== this.socket || this.framer === undefined) return;
    this.keepalive.received(performance.now());
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch (error) {
      this.onFramingError(error);
      return;
    }
    this.handlingFrames = true;
    try {
      for (const frame of frames) {
        this.onFrame(frame);
        if (socket !== this.socket) return;
      }
    } finally {
      this.handlingFrames = false;
    }
    if (this.flushAfterFrames) {
      this.flushAfterFrames = false;
      this.flush();
    }
  }

  private onFramingError(error: unknown): void {
    const framing = error instanceof PduDecodeError ? error : undefined;
    const reason = `framing error: ${errorMessage(error)}`;
    this.logger.error('SMPP stream cannot be framed; closing', {
      error: errorMessage(error),
      commandLength: error instanceof FramingError ? error.commandLength : undefined,
    });
    // SMPP 3.4 §3.2.2: after a bad command_length the next PDU boundary is unknown; tell the peer, then close.
    this.genericNack(CommandStatus.ESME_RINVCMDLEN, framing?.sequenceNumber ?? 0);
    this.finish(reason, error instanceof Error ? error : undefined, 'end');
  }

  private onFrame(frame: Buffer): void {
    let pdu: Pdu;
    try {
      pdu = decodePdu(frame);
    } catch (error) {
      this.onDecodeError(frame, error);
      return;
    }
    if (this.listening.has.pdu) this.emitPdu(pdu);
    switch (pdu.command) {
      case 'enquire_link':
        // Answered at once, outside the window and any queue, so a busy session still looks alive.
        this.respond({
          command: 'enquire_link_resp',
          command_status: 0,
          sequence_number: pdu.sequence_number,
        });
        return;
      case 'deliver_sm':
      case 'data_sm':
        this.onInbound(pdu);
        return;
      case 'unbind':
        this.onUnbindFromSmsc(pdu.sequence_number);
        return;
      case 'alert_notification':
        this.emitSafe('alert', pdu as AlertNotification);
        return;
      case 'outbind':
        this.logger.warn('outbind received on a session that dialled out; ignored', {
          smscSystemId: (pdu as Outbind).system_id,
        });
        this.emitSafe('outbind', pdu as Outbind);
        return;
      default:
        if (isResponse(pdu)) {
          this.onResponse(pdu);
        } else {
          // A request an ESME does not serve (submit_sm, bind_*... from the SMSC).
          this.logger.warn('unexpected request from SMSC answered with generic_nack ESME_RINVCMDID', {
            command: pdu.command,
            sequenceNumber: pdu.sequence_number,
          });
          this.genericNack(CommandStatus.ESME_RINVCMDID, pdu.sequence_number);
        }
    }
  }

  private onResponse(pdu: Pdu): void {
    const congestion = pdu.tlvs?.congestion_state;
    if (congestion !== undefined) this.emitSafe('congestion', congestion);
    const entry = this.window.get(pdu.sequence_number);
    if (entry === undefined) {
      const late = this.window.expiredRecently(pdu.sequence_number);
      this.logger.warn(
        late ? 'late response dropped (its request timed out)' : 'response to no request dropped',
        {
          command: pdu.command,
          sequenceNumber: pdu.sequence_number,
          commandStatus: formatStatus(pdu.command_status),
        },
      );
      return;
    }
    if (pdu.command !== entry.responseCommand && pdu.command !== 'generic_nack') {
      this.logger.warn('response command does not match the request; dropped', {
        command: pdu.command,
        expected: entry.responseCommand,
        sequenceNumber: pdu.sequence_number,
      });
      return;
    }
    this.window.remove(entry);
    this.settle(entry, undefined, pdu);
    if (entry.counted) this.pump();
  }

  private onDecodeError(frame: Buffer, error: unknown): void {
    const decode = error instanceof PduDecodeError ? error : undefined;
    // The framer guarantees at least a 16-octet header (§3.2).
    const commandId = decode?.commandId ?? frame.readUInt32BE(4);
    const sequenceNumber = decode?.sequenceNumber ?? frame.readUInt32BE(12);
    const fields = {
      commandId: `0x${commandId.toString(16).padStart(8, '0')}`,
      sequenceNumber,
      error: errorMessage(error),
    };
    if (commandId >= 0x80000000) {
      // A response is never answered (a generic_nack to a generic_nack could ping-pong); fail its request.
      this.logger.warn('undecodable response from SMSC', fields);
      const entry = this.window.get(sequenceNumber);
      if (entry !== undefined) {
        this.window.remove(entry);
        this.settle(entry, toError(error));
        if (entry.counted) this.pump();
      }
      return;
    }
    const status = decode?.status ?? CommandStatus.ESME_RSYSERR;
    this.logger.warn(
      `undecodable request from SMSC answered with generic_nack ${formatStatus(status)}`,
      fields,
    );
    this.genericNack(status, sequenceNumber);
  }

  private onInbound(pdu: DeliverSm | DataSm): void {
    const handler = this.options.inboundHandler;
    if (handler === undefined) {
      this.answerInbound(pdu, 0);
      return;
    }
    const socket = this.socket;
    this.inbound.begin(socket);
    let result: number | Promise<number>;
    try {
      result = handler(pdu);
    } catch (error) {
      this.finishInbound(socket, pdu, undefined, error);
      return;
    }
    if (typeof result === 'number') {
      this.finishInbound(socket, pdu, result, undefined);
    } else {
      Promise.resolve(result).then(
        (status) => this.finishInbound(socket, pdu, status, undefined),
        (error: unknown) => this.finishInbound(socket, pdu, undefined, error),
      );
    }
  }

  private finishInbound(
    socket: net.Socket | undefined,
    pdu: DeliverSm | DataSm,
    status: unknown,
    error: unknown,
  ): void {
    if (socket !== this.socket) {
      // The session closed meanwhile: no response can go out; the SMSC will redeliver.
      if (error !== undefined) {
        this.logger.warn('inbound handler threw after the session closed', {
          command: pdu.command,
          sequenceNumber: pdu.sequence_number,
          error: errorMessage(error),
        });
      }
      return;
    }
    this.inbound.end(socket);
    let commandStatus: number;
    if (error !== undefined) {
      commandStatus = INBOUND_HANDLER_ERROR_STATUS;
      this.logger.warn(`inbound handler threw; answering ${formatStatus(commandStatus)}`, {
        command: pdu.command,
        sequenceNumber: pdu.sequence_number,
        error: errorMessage(error),
      });
    } else if (
      typeof status === 'number' &&
      Number.isInteger(status) &&
      status >= 0 &&
      status <= 0xffffffff
    ) {
      commandStatus = status;
    } else {
      commandStatus = INBOUND_HANDLER_ERROR_STATUS;
      this.logger.warn(
        `inbound handler returned ${String(status)}, not a command_status; answering ${formatStatus(INBOUND_HANDLER_ERROR_STATUS)}`,
        {
          command: pdu.command,
          sequenceNumber: pdu.sequence_number,
        },
      );
    }
    this.answerInbound(pdu, commandStatus);
  }

  private answerInbound(pdu: DeliverSm | DataSm, commandStatus: number): void {
    if (this.currentState === 'closed') return;
    this.respond({
      command: pdu.command === 'deliver_sm' ? 'deliver_sm_resp' : 'data_sm_resp',
      command_status: commandStatus,
      sequence_number: pdu.sequence_number,
      message_id: '',
    });
  }

  private onUnbindFromSmsc(sequenceNumber: number): void {
    const reason = 'unbind from SMSC';
    this.logger.info('SMSC unbound the session', { host: this.options.host, port: this.options.port });
    // SMPP 3.4 §4.2: answer unbind_resp, then the connection ends.
    this.respond({ command: 'unbind_resp', command_status: 0, sequence_number: sequenceNumber });
    if (this.currentState !== 'unbinding') this.setState('unbinding', reason);
    this.finish(reason, undefined, 'end');
  }

  /** Reports a request that could not even start, after the caller's call returned (as a promise would). */
  private failSoon(callback: RequestCallback | RequestReceiver, error: Error): void {
    queueMicrotask(() => {
      try {
        tellRequester(callback, error);
      } catch (thrown) {
        this.logger.error('a request callback threw; ignored', { error: errorMessage(thrown) });
      }
    });
  }

  /** Tells a request's caller how it ended; a callback that throws is logged, never lets the throw escape. */
  private settle(entry: PendingRequest, error: Error | undefined, response?: Pdu): void {
    try {
      tellRequester(entry.callback, error, response);
    } catch (thrown) {
      this.logger.error('a request callback threw; ignored', {
        command: entry.command,
        sequenceNumber: entry.sequenceNumber,
        error: errorMessage(thrown),
      });
    }
  }

  private onResponseTimeout(entry: PendingRequest, error: ResponseTimeoutError): void {
    this.logger.warn('request timed out', {
      command: entry.command,
      sequenceNumber: entry.sequenceNumber,
      timeoutMs: entry.timeoutMs,
    });
    this.settle(entry, error);
    if (entry.counted) this.pump();
  }

  private onWaitTimeout(entry: PendingRequest, error: WindowTimeoutError): void {
    this.logger.warn('request waited too long for a window slot', {
      command: entry.command,
      windowSize: this.window.size,
      inFlight: this.window.inFlight,
    });
    this.settle(entry, error);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Closing

  private async unbindAndEnd(reason: string): Promise<void> {
    this.closeReason = reason;
    this.setState('unbinding', reason);
    this.keepalive.stop();
    const closed = new SessionClosedError(reason);
    for (const entry of this.window.clearWaiting()) this.settle(entry, closed);
    try {
      await this.requestOutOfBand({ command: 'unbind' }, this.options.unbindTimeoutMs);
    } catch {
      // No unbind_resp (timeout, or the SMSC already hung up): end the connection anyway.
    }
    this.finish(reason, undefined, 'end');
  }

  /**
   * Ends the session: state closed, every pending request rejected, timers cleared, 'close' emitted.
   * `end` flushes queued frames (a final generic_nack or unbind_resp) and half-closes; `destroy` drops them.
   */
  private finish(reason: string, error: Error | undefined, mode: 'end' | 'destroy'): void {
    if (this.currentState === 'closed') return;
    const socket = this.socket;
    this.socket = undefined;
    this.framer = undefined;
    this.closeReason = reason;
    this.keepalive.stop();
    this.connectAbort?.abort();
    const data = this.writer.take();
    if (socket !== undefined) {
      if (mode === 'end' && !socket.destroyed) {
        if (data !== undefined) socket.end(data);
        else socket.end();
        const grace = setTimeout(() => socket.destroy(), END_GRACE_MS);
        grace.unref();
        socket.once('close', () => clearTimeout(grace));
      } else {
        socket.destroy();
      }
    }
    this.writable = true;
    this.inbound.reset();
    const closed = new SessionClosedError(reason, error);
    const entries = this.window.clear();
    this.setState('closed', reason, error);
    for (const entry of entries) this.settle(entry, closed);
    this.logger.info('SMPP session closed', { reason, host: this.options.host, port: this.options.port });
    const event: SessionCloseEvent = error ? { reason, error } : { reason };
    this.emitSafe('close', event);
  }

  // ---------------------------------------------------------------------------------------------------------

  private setState(current: SessionState, reason: string, error?: Error): void {
    const previous = this.currentState;
    if (previous === current) return;
    this.currentState = current;
    const change: SessionStateChange = error
      ? { previous, current, reason, error }
      : { previous, current, reason };
    this.emitSafe('state', change);
  }

  /**
   * {@link emitSafe} for 'pdu', which fires for every PDU read while someone listens: without the rest
   * parameter and spread, which cost an array per call.
   */
  private emitPdu(pdu: Pdu): void {
    try {
      this.emit('pdu', pdu);
    } catch (error) {
      this.logger.error(`a 'pdu' listener threw; ignored`, { error: errorMessage(error) });
    }
  }

  /** Emits without letting a throwing listener break the I/O path that emitted. */
  private emitSafe<K extends keyof SmppSessionEvents>(event: K, ...args: SmppSessionEvents[K]): void {
    try {
      (this.emit as (event: K, ...args: unknown[]) => boolean)(event, ...args);
    } catch (error) {
      this.logger.error(`a '${String(event)}' listener threw; ignored`, { error: errorMessage(error) });
    }
  }
}

function isResponse(pdu: Pdu): boolean {
  return pdu.command === 'generic_nack' || pdu.command.endsWith('_resp');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
