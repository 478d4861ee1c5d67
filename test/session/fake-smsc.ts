/**
 * A small scripted SMSC for session tests: a real `net.Server` on port 0 speaking our codec, whose every
 * answer can be replaced per test (`onPdu`), and which can write raw bytes the simulator cannot produce.
 */
import net from 'node:net';
import { decodePdu, encodePdu, PduFramer } from '../../lib/protocol/index.js';
import type { Pdu } from '../../lib/protocol/pdu.types.js';

export interface FakeSmscOptions {
  /** Accepted password; anything else gets ESME_RINVPASWD. */
  password?: string;
  /** Answer requests at all (false: swallow everything, for timeout tests). @default true */
  respond?: boolean;
  /** Custom handling; return true when handled (the default handling is skipped). */
  onPdu?: (pdu: Pdu, conn: FakeSmscConnection) => boolean | void;
  /** Do not read from sockets (back-pressure tests). */
  paused?: boolean;
}

export class FakeSmscConnection {
  readonly received: Pdu[] = [];
  /** submit_sm received and not yet answered. */
  inFlight = 0;
  maxInFlight = 0;
  private nextSeq = 1;
  private readonly framer = new PduFramer({ maxCommandLength: 1_000_000 });

  constructor(
    readonly socket: net.Socket,
    private readonly smsc: FakeSmsc,
  ) {}

  /** Sends a PDU (sequence_number assigned when absent). */
  send(pdu: Pdu | (Partial<Pdu> & { command: Pdu['command'] })): number {
    const sequence_number = (pdu as Pdu).sequence_number ?? this.nextSeq++;
    this.socket.write(encodePdu({ command_status: 0, ...pdu, sequence_number } as Pdu));
    return sequence_number;
  }

  /** Answers a request with its response (status 0 unless given). */
  answer(pdu: Pdu, status = 0, extra: Record<string, unknown> = {}): void {
    const command =
      pdu.command === 'unbind' || pdu.command === 'enquire_link'
        ? `${pdu.command}_resp`
        : `${pdu.command}_resp`;
    if (pdu.command === 'submit_sm') this.inFlight--;
    this.send({
      command,
      command_status: status,
      sequence_number: pdu.sequence_number,
      ...(pdu.command === 'submit_sm' || pdu.command === 'data_sm' || pdu.command === 'deliver_sm'
        ? { message_id: `m${pdu.sequence_number}` }
        : {}),
      ...(pdu.command.startsWith('bind_') ? { system_id: 'FAKESMSC' } : {}),
      ...extra,
    } as Pdu);
  }

  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch {
      this.socket.destroy();
      return;
    }
    for (const frame of frames) {
      const pdu = decodePdu(frame);
      this.received.push(pdu);
      this.smsc.received.push(pdu);
      if (pdu.command === 'submit_sm') {
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        this.smsc.maxInFlight = Math.max(this.smsc.maxInFlight, this.inFlight);
      }
      this.smsc.emitPdu(pdu);
      if (this.smsc.options.onPdu?.(pdu, this) === true) continue;
      if (this.smsc.options.respond === false) continue;
      this.defaultHandling(pdu);
    }
  }

  private defaultHandling(pdu: Pdu): void {
    switch (pdu.command) {
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        this.answer(pdu, pdu.password === (this.smsc.options.password ?? 'secret') ? 0 : 0x0e);
        return;
      case 'unbind':
        this.answer(pdu);
        this.socket.end();
        return;
      default:
        if (!pdu.command.endsWith('_resp') && pdu.command !== 'generic_nack') this.answer(pdu);
    }
  }
}

export class FakeSmsc {
  readonly connections: FakeSmscConnection[] = [];
  readonly received: Pdu[] = [];
  maxInFlight = 0;
  private readonly waiters: Array<{ test: (pdu: Pdu) => boolean; resolve: (pdu: Pdu) => void }> = [];

  private constructor(
    private readonly server: net.Server,
    readonly options: FakeSmscOptions,
  ) {}

  static async start(options: FakeSmscOptions = {}): Promise<FakeSmsc> {
    const server = net.createServer();
    const smsc = new FakeSmsc(server, options);
    server.on('connection', (socket) => {
      socket.on('error', () => undefined);
      const conn = new FakeSmscConnection(socket, smsc);
      smsc.connections.push(conn);
      if (options.paused) socket.pause();
      else socket.on('data', (chunk: Buffer) => conn.onData(chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return smsc;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get last(): FakeSmscConnection {
    const conn = this.connections.at(-1);
    if (!conn) throw new Error('no connection yet');
    return conn;
  }

  /** Resolves with the first PDU (received from now on) that passes `test`. */
  next(test: (pdu: Pdu) => boolean): Promise<Pdu> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  emitPdu(pdu: Pdu): void {
    for (let i = 0; i < this.waiters.length; i++) {
      const waiter = this.waiters[i];
      if (waiter.test(pdu)) {
        this.waiters.splice(i, 1);
        i--;
        waiter.resolve(pdu);
      }
    }
  }

  /** Waits until a connection exists. */
  async connection(): Promise<FakeSmscConnection> {
    while (this.connections.length === 0) await new Promise((r) => setTimeout(r, 5));
    return this.last;
  }

  async stop(): Promise<void> {
    for (const conn of this.connections) conn.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
