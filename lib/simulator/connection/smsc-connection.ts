import type { Socket } from 'node:net';
import { CommandId, RESPONSE_BIT, commandNameOf } from '../../protocol/command-ids.js';
import { CommandStatus } from '../../protocol/command-status.js';
import { FramingError, PduDecodeError } from '../../protocol/errors/index.js';
import { PduFramer, decodePdu, encodePdu } from '../../protocol/index.js';
import type { AnyPduInput, CommandName, Pdu, PduInput } from '../../protocol/pdu.types.js';
import { drawDelay } from '../faults/delay-spec.js';
import { malformedBytes } from '../faults/malformed-bytes.js';
import { DelayQueue } from '../receipts/delay-queue.js';
import type { ReceiptEncoder } from '../receipts/receipt-encoder.js';
import type { MalformedKind } from '../simulator-options.interface.js';
import type { ConnectionHost } from './connection-host.interface.js';
import { OutputBuffer } from './output-buffer.js';
import { scanSubmitSm } from './scan-submit-sm.js';
import { validateSubmit } from './validate-submit.js';

/** How a session is bound (SMPP 3.4 §2.2). */
export type BindType = 'transmitter' | 'receiver' | 'transceiver';

/** A live connection as `sim.sessions` lists it. */
export interface SessionInfo {
  /** Connection number, unique within one simulator. */
  id: number;
  remoteAddress: string;
  remotePort: number;
  /** Undefined until a bind succeeds. */
  bindType?: BindType;
  /** The system_id the ESME bound with ('' before bind). */
  systemId: string;
  /** When the bind succeeded; undefined until then. */
  boundAt?: Date;
  /** PDUs received on this connection. */
  pdusReceived: number;
}

const BIND_TYPES: Partial<Record<number, BindType>> = {
  [CommandId.bind_transmitter]: 'transmitter',
  [CommandId.bind_receiver]: 'receiver',
  [CommandId.bind_transceiver]: 'transceiver',
};

/** Requests the simulator serves; everything else an ESME sends gets generic_nack ESME_RINVCMDID. */
const SERVED_REQUESTS: ReadonlySet<CommandName> = new Set<CommandName>([
  'bind_transmitter',
  'bind_receiver',
  'bind_transceiver',
  'submit_sm',
  'submit_multi',
  'data_sm',
  'query_sm',
  'cancel_sm',
  'replace_sm',
  'enquire_link',
  'unbind',
]);

/** Requests that need a transmitter-capable bind (§2.3, Table 2-1). */
const TRANSMIT_REQUESTS: ReadonlySet<CommandName> = new Set<CommandName>([
  'submit_sm',
  'submit_multi',
  'data_sm',
  'query_sm',
  'cancel_sm',
  'replace_sm',
]);

/** Error responses that keep their body (submit_multi_resp lists unsuccessful destinations, §4.5.2). */
const ERROR_RESPONSES_WITH_BODY: ReadonlySet<CommandName> = new Set<CommandName>(['submit_multi_resp']);

const SUBMIT_SM = CommandId.submit_sm;
const SUBMIT_SM_RESP = CommandId.submit_sm_resp;
const DELIVER_SM = CommandId.deliver_sm;
const DELIVER_SM_RESP = CommandId.deliver_sm_resp;
const UNBIND_GRACE_MS = 2000;

/**
 * One ESME connection: framing, the bind state machine, request handling, faults that act per connection,
 * and the write path.
 *
 * @remarks
 * Everything decided while handling one socket read goes out in one `socket.write`. When the kernel buffer is
 * full (`write` returns false) the connection stops reading until 'drain', so a slow ESME cannot make the
 * simulator buffer without bound. PDUs the simulator originates (receipts, MO, enquire_link, unbind) are
 * queued in the same buffer and flushed at the end of the current tick.
 */
export class SmscConnection {
  /** Bind type once bound. */
  bindType: BindType | undefined;
  /** When the bind succeeded (epoch ms); undefined until then. */
  boundAt: number | undefined;
  /** The ESME's system_id once bound. */
  systemId = '';
  /** PDUs received (requests and responses). */
  pdusReceived = 0;
  /** True once the connection is closing: nothing more is read or answered. */
  closing = false;

  private readonly framer: PduFramer;
  private readonly out = new OutputBuffer();
  private readonly delayed: DelayQueue<Buffer>;
  private requestsReceived = 0;
  private nextSequence = 1;
  private flushScheduled = false;
  private fastSubmits = 0;
  /** Receipts written by the encoder and ESME_ROK deliver_sm_resp read, counted at the next flush. */
  private encodedReceipts = 0;
  private fastDeliverResps = 0;
  private unbindSent = false;
  private enquireTimer: NodeJS.Timeout | undefined;
  private enquireDeadline: NodeJS.Timeout | undefined;
  private enquireSequence = -1;
  private unbindTimer: NodeJS.Timeout | undefined;
  private dropTimer: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private readonly deliverOutstanding = new Set<number>();
  private deliverQueue: (AnyPduInput | undefined)[] = [];
  private deliverQueueHead = 0;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.framer = new PduFramer({ maxCommandLength: host.maxCommandLength });
    this.delayed = new DelayQueue<Buffer>((items) => {
      for (const item of items) this.out.append(item);
      this.flush();
    }, 1);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        this.onData(chunk);
      } catch (error) {
        // A simulator bug must cost one connection, never the process that embeds the simulator.
        host.logger.error('internal error, closing connection', {
          connection: id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        this.closing = true;
        socket.destroy();
      }
    });
    socket.on('drain', () => socket.resume());
    socket.on('error', (error: Error) =>
      host.logger.debug('socket error', { connection: id, error: error.message }),
    );
    socket.on('close', () => this.onClose());
  }

  /** Whether deliver_sm can be sent here (receiver or transceiver bind, §2.3). */
  get canReceive(): boolean {
    return !this.closing && (this.bindType === 'receiver' || this.bindType === 'transceiver');
  }

  /** Whether submits are allowed here (transmitter or transceiver bind). */
  get canTransmit(): boolean {
    return this.bindType === 'transmitter' || this.bindType === 'transceiver';
  }

  /** The public view of this connection. */
  info(): SessionInfo {
    return {
      id: this.id,
      remoteAddress: this.socket.remoteAddress ?? '',
      remotePort: this.socket.remotePort ?? 0,
      ...(this.bindType === undefined ? {} : { bindType: this.bindType }),
      systemId: this.systemId,
      ...(this.boundAt === undefined ? {} : { boundAt: new Date(this.boundAt) }),
      pdusReceived: this.pdusReceived,
    };
  }

  /** deliver_sm waiting for room in the deliver window (see `deliverWindow`). */
  get deliverQueued(): number {
    return this.deliverQueue.length - this.deliverQueueHead;
  }

  /**
   * Queues a request the simulator originates (deliver_sm, enquire_link, unbind) with the next sequence number;
   * it is written at the end of the current tick together with anything else queued. A deliver_sm waits while
   * `deliverWindow` of them are unanswered.
   *
   * @returns the sequence number used, or -1 for a deliver_sm held back by the window.
   */
  sendRequest(pdu: AnyPduInput): number {
    const window = this.host.deliverWindow;
    if (window > 0 && pdu.command === 'deliver_sm') {
      if (this.deliverOutstanding.size >= window || this.deliverQueued > 0) {
        this.deliverQueue.push(pdu);
        return -1;
      }
      const sequence = this.writeRequest(pdu);
      this.deliverOutstanding.add(sequence);
      return sequence;
    }
    return this.writeRequest(pdu);
  }

  private writeRequest(pdu: AnyPduInput): number {
    const sequence = this.nextSequence;
    this.nextSequence = sequence >= 0x7fffffff ? 1 : sequence + 1; // §5.1.4: 0x00000001-0x7FFFFFFF
    const bytes = encodePdu({ ...pdu, sequence_number: sequence } as AnyPduInput);
    this.queue(bytes, CommandId[pdu.command], 0);
    return sequence;
  }

  /**
   * Writes the receipt `encoder` has just measured as `length` octets, with the next sequence number, into
   * this tick's batch. Returns false, writing nothing, when a deliver window is set (the general path queues
   * the receipt then).
   */
  sendEncodedReceipt(encoder: ReceiptEncoder, length: number): boolean {
    if (this.host.deliverWindow > 0) return false;
    const sequence = this.takeSequence();
    const at = this.out.claim(length);
    encoder.write(this.out.buffer, at, length, sequence);
    this.encodedReceipts++;
    this.scheduleFlush();
    return true;
  }

  /** Queues raw bytes as they are (malformed PDUs). */
  sendRaw(bytes: Buffer): void {
    this.out.append(bytes);
    this.scheduleFlush();
  }

  /** Writes a malformed PDU of the given kind (or the given bytes). */
  sendMalformed(kindOrBytes: MalformedKind | Buffer = 'truncated-body'): void {
    const bytes = Buffer.isBuffer(kindOrBytes)
      ? kindOrBytes
      : malformedBytes(kindOrBytes, this.takeSequence());
    this.host.faultState.counters.malformedSent++;
    this.sendRaw(bytes);
  }

  /** Sends unbind (§4.2); the connection closes when unbind_resp arrives or after a grace period. */
  sendUnbind(): void {
    if (this.closing || this.unbindSent) return;
    this.unbindSent = true;
    this.host.faultState.counters.unbindsSent++;
    this.sendRequest({ command: 'unbind' });
    this.closeTimer = setTimeout(() => this.close('unbind not answered'), UNBIND_GRACE_MS);
  }

  /** Ends the connection after flushing what is queued (a FIN, no unbind). */
  close(reason: string): void {
    if (this.socket.destroyed) return;
    this.host.logger.debug('closing connection', { connection: this.id, reason });
    this.closing = true;
    this.flush();
    this.socket.end();
    // A peer that never closes its side must not hold the socket forever.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Drops the connection at once, like a network failure (a fault). */
  drop(reason: string): void {
    if (this.socket.destroyed) return;
    this.host.faultState.counters.dropped++;
    this.host.logger.info('dropping connection', { connection: this.id, reason });
    this.closing = true;
    this.flush();
    this.socket.destroySoon();
  }

  /** (Re)arms the timers of the connection-level faults after a bind or a `setFaults`. */
  applyFaultTimers(): void {
    this.clearFaultTimers();
    if (this.bindType === undefined || this.closing) return;
    const f = this.host.faultState.values;
    if (f.enquireLinkIntervalMs !== undefined) {
      const interval = f.enquireLinkIntervalMs;
      const timeout = f.enquireLinkTimeoutMs ?? interval;
      this.enquireTimer = setInterval(() => this.sendEnquireLink(timeout), interval);
    }
    if (f.unbindAfterMs !== undefined) {
      this.unbindTimer = setTimeout(() => this.sendUnbind(), f.unbindAfterMs);
    }
    if (f.randomDropMs !== undefined) {
      this.dropTimer = setTimeout(() => this.drop('randomDropMs fault'), drawDelay(f.randomDropMs));
    }
  }

  /** Writes everything queued now. */
  flush(): void {
    if (this.fastSubmits > 0) {
      const n = this.fastSubmits;
      this.fastSubmits = 0;
      this.host.counters.countReceived(SUBMIT_SM, n);
      this.host.counters.countSent(SUBMIT_SM_RESP, CommandStatus.ESME_ROK, n);
      this.host.counters.submitsAccepted += n;
    }
    if (this.encodedReceipts > 0) {
      this.host.counters.countSent(DELIVER_SM, 0, this.encodedReceipts);
      this.encodedReceipts = 0;
    }
    if (this.fastDeliverResps > 0) {
      this.host.counters.countReceived(DELIVER_SM_RESP, this.fastDeliverResps);
      this.fastDeliverResps = 0;
    }
    const bytes = this.out.take();
    if (bytes === undefined || this.socket.destroyed) return;
    if (this.host.tapping) this.host.tap(this, 'sent', bytes);
    if (!this.socket.write(bytes)) this.socket.pause();
  }

  private takeSequence(): number {
    const sequence = this.nextSequence;
    this.nextSequence = sequence >= 0x7fffffff ? 1 : sequence + 1;
    return sequence;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch (error) {
      this.onFramingError(error);
      return;
    }
    const now = Date.now();
    const host = this.host;
    if (host.tapping) for (const frame of frames) host.tap(this, 'received', frame);
    // The hot path: a bound transmitter, no fault that changes responses, nobody asking for decoded submits.
    const fast = this.canTransmit && !host.faultState.affectsResponses && !host.wantsDecodedSubmits;
    // An ESME_ROK deliver_sm_resp outside a deliver window only needs counting (no fault counts PDUs then).
    const fastResps =
      fast && host.deliverWindow === 0 && !host.faultState.active && host.logger.isDebugEnabled?.() !== true;
    for (let i = 0; i < frames.length && !this.closing; i++) {
      const frame = frames[i];
      const commandId = frame.readUInt32BE(4);
      if (fastResps && commandId === DELIVER_SM_RESP && frame.readUInt32BE(8) === 0) {
        this.pdusReceived++;
        this.fastDeliverResps++;
        continue;
      }
      if (fast && commandId === SUBMIT_SM) {
        const registeredDelivery = scanSubmitSm(frame);
        if (registeredDelivery >= 0) {
          this.pdusReceived++;
          const messageId = host.acceptRaw(this, frame, registeredDelivery, now);
          this.out.appendWithCString(SUBMIT_SM_RESP, 0, frame.readUInt32BE(12), messageId);
          this.fastSubmits++;
          continue;
        }
      }
      this.handleFrame(frame, now);
    }
    host.sendDueReceipts();
    this.flush();
  }

  private onFramingError(error: unknown): void {
    // §3.2.2: a bad command_length means the stream cannot be framed any more: nack, then close.
    const sequence = error instanceof PduDecodeError ? (error.sequenceNumber ?? 0) : 0;
    this.host.counters.decodeErrors++;
    this.host.logger.info('framing error, closing', {
      connection: this.id,
      error: error instanceof Error ? error.message : String(error),
    });
    this.appendHeader(CommandId.generic_nack, CommandStatus.ESME_RINVCMDLEN, sequence);
    this.close('framing error');
  }

  private handleFrame(frame: Buffer, now: number): void {
    const commandId = frame.readUInt32BE(4);
    const sequence = frame.readUInt32BE(12);
    this.pdusReceived++;
    this.host.counters.countReceived(commandId);
    if (this.host.logger.isDebugEnabled?.() === true) {
      this.host.logger.debug('pdu', {
        connection: this.id,
        command: commandNameOf(commandId) ?? commandId,
        sequence,
        length: frame.length,
      });
    }
    if (commandId >= RESPONSE_BIT) {
      this.handleResponse(frame, commandId, sequence);
    } else {
      this.handleRequest(frame, commandId, sequence, now);
    }
    this.afterPdu();
  }

  private afterPdu(): void {
    const f = this.host.faultState;
    if (!f.active) return;
    const { dropAfterPdus } = f.values;
    if (dropAfterPdus !== undefined && this.pdusReceived >= dropAfterPdus) {
      this.drop(`dropAfterPdus fault (${dropAfterPdus})`);
    }
  }

  private handleRequest(frame: Buffer, commandId: number, sequence: number, now: number): void {
    const name = commandNameOf(commandId);
    if (name === undefined || !SERVED_REQUESTS.has(name)) {
      // §4.3: an unknown or unsupported command_id gets generic_nack ESME_RINVCMDID.
      this.appendHeader(CommandId.generic_nack, CommandStatus.ESME_RINVCMDID, sequence);
      return;
    }
    this.requestsReceived++;
    const faults = this.host.faultState;
    if (faults.active) {
      const { malformedEveryNth, malformedKind } = faults.values;
      if (malformedEveryNth !== undefined && this.requestsReceived % malformedEveryNth === 0) {
        this.sendMalformed(malformedKind);
      }
      if (faults.neverAnswer(name)) return;
    }
    const responseId = (commandId | RESPONSE_BIT) >>> 0;
    const bindType = BIND_TYPES[commandId];
    if (bindType !== undefined) {
      if (this.bindType !== undefined) {
        this.respondStatus(responseId, CommandStatus.ESME_RALYBND, sequence);
        return;
      }
    } else if (name === 'unbind') {
      if (this.bindType === undefined) {
        this.respondStatus(responseId, CommandStatus.ESME_RINVBNDSTS, sequence);
        return;
      }
    } else if (TRANSMIT_REQUESTS.has(name) && !this.canTransmit) {
      // §2.3: submits before bind, or on a receiver bind, are in the wrong bind state.
      this.respondStatus(responseId, CommandStatus.ESME_RINVBNDSTS, sequence);
      return;
    }
    if (name === 'enquire_link') {
      this.respondStatus(responseId, CommandStatus.ESME_ROK, sequence);
      return;
    }
    if (name === 'unbind') {
      // Not subject to the delay fault: the connection closes right after, and the ESME must see its answer.
      this.appendHeader(responseId, CommandStatus.ESME_ROK, sequence);
      this.host.logger.info('unbind', { connection: this.id, system_id: this.systemId });
      this.close('unbind');
      return;
    }
    if (name === 'submit_sm' || name === 'submit_multi' || name === 'data_sm') {
      const fault = faults.active ? faults.submitFault(now) : undefined;
      if (fault !== undefined) {
        const status = fault === 'throttled' ? CommandStatus.ESME_RTHROTTLED : CommandStatus.ESME_RMSGQFUL;
        this.respondStatus(responseId, status, sequence);
        return;
      }
    }
    let pdu: Pdu;
    try {
      pdu = decodePdu(frame);
    } catch (error) {
      this.onDecodeError(error, responseId, sequence);
      return;
    }
    this.serve(pdu, frame, now);
  }

  private onDecodeError(error: unknown, responseId: number, sequence: number): void {
    this.host.counters.decodeErrors++;
    if (!(error instanceof PduDecodeError)) {
      this.host.logger.error('decoder failed unexpectedly', {
        connection: this.id,
        error: error instanceof Error ? error.message : String(error),
      });
      this.respondStatus(responseId, CommandStatus.ESME_RSYSERR, sequence);
      return;
    }
    this.host.logger.debug('undecodable pdu', {
      connection: this.id,
      rule: error.rule,
      offset: error.offset,
    });
    if (error instanceof FramingError) {
      this.appendHeader(CommandId.generic_nack, CommandStatus.ESME_RINVCMDLEN, sequence);
      this.close('framing error');
      return;
    }
    this.respondStatus(responseId, error.status, sequence);
  }

  private serve(pdu: Pdu, frame: Buffer, now: number): void {
    const host = this.host;
    switch (pdu.command) {
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver': {
        const status = host.authenticate(pdu.system_id, pdu.password);
        const responseId = (CommandId[pdu.command] | RESPONSE_BIT) >>> 0;
        if (status !== CommandStatus.ESME_ROK) {
          host.counters.binds.failed++;
          host.logger.info('bind refused', { connection: this.id, system_id: pdu.system_id, status });
          this.respondStatus(responseId, status, pdu.sequence_number);
          return;
        }
        this.bindType = BIND_TYPES[CommandId[pdu.command]];
        this.systemId = pdu.system_id;
        this.boundAt = now;
        host.counters.binds[this.bindType as BindType]++;
        const respond: PduInput<'bind_transmitter_resp' | 'bind_receiver_resp' | 'bind_transceiver_resp'> = {
          command: `${pdu.command}_resp`,
          sequence_number: pdu.sequence_number,
          system_id: host.systemId,
        };
        // §4.1: sc_interface_version tells an ESME of v3.4 or later which version the SMSC speaks.
        if (pdu.interface_version >= 0x34) respond.tlvs = { sc_interface_version: 0x34 };
        this.respond(respond as AnyPduInput);
        host.logger.info('bind', {
          connection: this.id,
          bind_type: this.bindType,
          system_id: pdu.system_id,
          system_type: pdu.system_type,
        });
        host.onBound(this);
        this.applyFaultTimers();
        return;
      }
      case 'submit_sm':
      case 'data_sm': {
        const command = pdu.command === 'submit_sm' ? 'submit_sm_resp' : 'data_sm_resp';
        const invalid = validateSubmit(pdu);
        if (invalid !== CommandStatus.ESME_ROK) {
          this.respondStatus(CommandId[command], invalid, pdu.sequence_number);
          return;
        }
        const messageId = host.acceptDecoded(this, frame, pdu, now);
        this.respond({ command, sequence_number: pdu.sequence_number, message_id: messageId }, true);
        return;
      }
      case 'submit_multi': {
        const invalid = validateSubmit(pdu);
        if (invalid !== CommandStatus.ESME_ROK) {
          this.respondStatus(CommandId.submit_multi_resp, invalid, pdu.sequence_number);
          return;
        }
        const smeCount = pdu.dest_addresses.filter((d) => d.dest_flag === 1).length;
        if (smeCount === 0) {
          // No SME address: this simulator keeps no distribution lists (§5.2.25).
          this.respondStatus(CommandId.submit_multi_resp, CommandStatus.ESME_RCNTSUBDL, pdu.sequence_number);
          return;
        }
        const messageId = host.acceptDecoded(this, frame, pdu, now);
        this.respond(
          {
            command: 'submit_multi_resp',
            sequence_number: pdu.sequence_number,
            message_id: messageId,
            unsuccess_sme: pdu.dest_addresses.flatMap((d) =>
              d.dest_flag === 2
                ? [
                    {
                      dest_addr_ton: 0,
                      dest_addr_npi: 0,
                      destination_addr: d.dl_name,
                      error_status_code: CommandStatus.ESME_RINVDLNAME,
                    },
                  ]
                : [],
            ),
          },
          true,
        );
        return;
      }
      case 'query_sm':
        this.respond({ ...host.query(this, pdu, now), sequence_number: pdu.sequence_number });
        return;
      case 'cancel_sm':
        this.respond({ ...host.cancel(this, pdu, now), sequence_number: pdu.sequence_number });
        return;
      case 'replace_sm':
        this.respond({ ...host.replace(this, pdu, now), sequence_number: pdu.sequence_number });
        return;
      default:
        this.respondStatus(CommandId.generic_nack, CommandStatus.ESME_RINVCMDID, pdu.sequence_number);
    }
  }

  private handleResponse(frame: Buffer, commandId: number, sequence: number): void {
    const status = frame.readUInt32BE(8);
    if (commandId === CommandId.deliver_sm_resp) {
      if (status !== 0) this.host.counters.deliverSmRespErrors++;
      if (this.deliverOutstanding.delete(sequence)) this.releaseDeliverWindow();
    } else if (commandId === CommandId.enquire_link_resp) {
      if (sequence === this.enquireSequence) {
        this.enquireSequence = -1;
        if (this.enquireDeadline !== undefined) clearTimeout(this.enquireDeadline);
        this.enquireDeadline = undefined;
      }
    } else if (commandId === CommandId.unbind_resp) {
      if (this.unbindSent) this.close('unbind_resp received');
    } else if (commandId === CommandId.generic_nack) {
      this.host.logger.info('generic_nack received', { connection: this.id, sequence, status });
    }
  }

  /** Sends held deliver_sm while the window has room. */
  private releaseDeliverWindow(): void {
    const window = this.host.deliverWindow;
    while (this.deliverQueued > 0 && this.deliverOutstanding.size < window) {
      const pdu = this.deliverQueue[this.deliverQueueHead] as AnyPduInput;
      this.deliverQueue[this.deliverQueueHead++] = undefined;
      this.deliverOutstanding.add(this.writeRequest(pdu));
    }
    if (this.deliverQueueHead > 1024 && this.deliverQueueHead * 2 > this.deliverQueue.length) {
      this.deliverQueue = this.deliverQueue.slice(this.deliverQueueHead);
      this.deliverQueueHead = 0;
    }
  }

  private sendEnquireLink(timeoutMs: number): void {
    if (this.closing) return;
    // One probe at a time: a new interval while one is outstanding does not stack another.
    if (this.enquireSequence >= 0) return;
    this.host.faultState.counters.enquireLinksSent++;
    this.enquireSequence = this.sendRequest({ command: 'enquire_link' });
    this.enquireDeadline = setTimeout(() => {
      this.host.faultState.counters.enquireLinksUnanswered++;
      this.enquireSequence = -1;
      this.close('enquire_link not answered');
    }, timeoutMs);
  }

  /**
   * Queues a response, honouring the delay fault. Error responses are header-only (§4.4.2: "not returned").
   * `submitted`: the response of an accepted submit (delayed by `receiptBeforeResponse` when it is on).
   */
  private respond(pdu: AnyPduInput, submitted = false): void {
    const status = pdu.command_status ?? 0;
    const commandId = CommandId[pdu.command];
    if (status !== 0 && !ERROR_RESPONSES_WITH_BODY.has(pdu.command)) {
      this.respondStatus(commandId, status, pdu.sequence_number ?? 0);
      return;
    }
    this.queue(encodePdu(pdu), commandId, status, submitted);
  }

  private respondStatus(commandId: number, status: number, sequence: number): void {
    const faults = this.host.faultState;
    if (faults.active && faults.values.responseDelayMs !== undefined) {
      const bytes = Buffer.allocUnsafe(16);
      bytes.writeUInt32BE(16, 0);
      bytes.writeUInt32BE(commandId, 4);
      bytes.writeUInt32BE(status, 8);
      bytes.writeUInt32BE(sequence, 12);
      this.queue(bytes, commandId, status);
      return;
    }
    this.host.counters.countSent(commandId, status);
    this.out.appendHeader(commandId, status, sequence);
  }

  /** Appends a header-only PDU without delay (generic_nack on framing errors). */
  private appendHeader(commandId: number, status: number, sequence: number): void {
    this.host.counters.countSent(commandId, status);
    this.out.appendHeader(commandId, status, sequence);
  }

  private queue(bytes: Buffer, commandId: number, status: number, submitted = false): void {
    this.host.counters.countSent(commandId, status);
    const faults = this.host.faultState;
    // Only responses are delayed by the delay fault; requests the simulator originates go at once.
    if (commandId >= RESPONSE_BIT && faults.active) {
      const delay = submitted ? faults.submitResponseDelay() : faults.responseDelay();
      if (delay > 0) {
        faults.counters.delayed++;
        this.delayed.add(bytes, delay);
        return;
      }
    }
    this.out.append(bytes);
    this.scheduleFlush();
  }

  private clearFaultTimers(): void {
    if (this.enquireTimer !== undefined) clearInterval(this.enquireTimer);
    if (this.unbindTimer !== undefined) clearTimeout(this.unbindTimer);
    if (this.dropTimer !== undefined) clearTimeout(this.dropTimer);
    this.enquireTimer = this.unbindTimer = this.dropTimer = undefined;
  }

  private onClose(): void {
    this.closing = true;
    this.clearFaultTimers();
    if (this.enquireDeadline !== undefined) clearTimeout(this.enquireDeadline);
    if (this.closeTimer !== undefined) clearTimeout(this.closeTimer);
    this.delayed.clear();
    this.host.onClosed(this);
  }
}
