import { createServer, type Server, type Socket } from 'node:net';
import { PduFramer, commandNameOf, decodePdu, encodePdu } from '../../../lib/protocol/index.js';
import type { AnyPduInput } from '../../../lib/protocol/pdu.types.js';

/** One ESME connection to the {@link HostileSmsc}. */
export class HostileConnection {
  bound = false;
  /** Resolves when the socket closed (whoever closed it). */
  readonly closed: Promise<void>;
  private isClosed = false;

  constructor(
    readonly socket: Socket,
    private readonly smsc: HostileSmsc,
  ) {
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        resolve();
      }),
    );
  }

  get open(): boolean {
    return !this.isClosed && !this.socket.destroyed;
  }

  /**
   * Writes `frames` in writes of about 256 KB, waiting for 'drain' when the ESME reads slower; counts each
   * frame written while the socket was open. Stops early when the ESME closes.
   */
  async write(frames: Buffer[]): Promise<number> {
    let written = 0;
    let chunk: Buffer[] = [];
    let size = 0;
    const flush = async (): Promise<boolean> => {
      if (chunk.length === 0) return true;
      if (!this.open) return false;
      const ok = this.socket.write(Buffer.concat(chunk));
      written += chunk.length;
      this.smsc.framesWritten += chunk.length;
      chunk = [];
      size = 0;
      if (!ok) {
        await Promise.race([new Promise((r) => this.socket.once('drain', r)), this.closed]);
      }
      return this.open;
    };
    for (const frame of frames) {
      chunk.push(frame);
      size += frame.length;
      if (size >= 256 * 1024 && !(await flush())) return written;
    }
    await flush();
    return written;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * An SMSC written for hostility tests, on our codec: it accepts any bind, answers enquire_link, submit_sm and
 * unbind correctly, counts what the ESME sends back (generic_nack above all), and lets the test write anything
 * at all to a bound connection.
 */
export class HostileSmsc {
  readonly connections = new Set<HostileConnection>();
  /** Successful binds. */
  binds = 0;
  /** PDUs received from the ESME, by command name. */
  readonly received = new Map<string, number>();
  /** Sequence numbers of the generic_nacks received, with their status (bounded to the last 100,000). */
  readonly nacks = new Map<number, number>();
  /** Frames the test wrote to open connections. */
  framesWritten = 0;
  /** Called with each newly bound connection. */
  onBound: ((connection: HostileConnection) => void) | undefined;
  private messageId = 0;

  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(): Promise<HostileSmsc> {
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new HostileSmsc(server);
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return address.port;
  }

  count(command: string): number {
    return this.received.get(command) ?? 0;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const connection = new HostileConnection(socket, this);
    this.connections.add(connection);
    void connection.closed.then(() => this.connections.delete(connection));
    const framer = new PduFramer();
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = framer.push(chunk);
      } catch {
        this.bump('(unframable)');
        socket.destroy();
        return;
      }
      for (const frame of frames) this.onFrame(connection, frame);
    });
  }

  private bump(command: string): void {
    this.received.set(command, (this.received.get(command) ?? 0) + 1);
  }

  private reply(connection: HostileConnection, pdu: AnyPduInput): void {
    if (connection.open) connection.socket.write(encodePdu(pdu));
  }

  private onFrame(connection: HostileConnection, frame: Buffer): void {
    const commandId = frame.readUInt32BE(4);
    const status = frame.readUInt32BE(8);
    const sequence = frame.readUInt32BE(12);
    const name = commandNameOf(commandId) ?? `0x${commandId.toString(16)}`;
    this.bump(name);
    switch (name) {
      case 'generic_nack':
        if (this.nacks.size >= 100_000) this.nacks.clear();
        this.nacks.set(sequence, status);
        return;
      case 'bind_transceiver':
      case 'bind_transmitter':
      case 'bind_receiver': {
        this.reply(connection, {
          command: `${name}_resp`,
          sequence_number: sequence,
          system_id: 'hostile',
        } as AnyPduInput);
        connection.bound = true;
        this.binds++;
        this.onBound?.(connection);
        return;
      }
      case 'enquire_link':
        this.reply(connection, { command: 'enquire_link_resp', sequence_number: sequence });
        return;
      case 'submit_sm': {
        decodePdu(frame); // our client's submits must always decode
        this.reply(connection, {
          command: 'submit_sm_resp',
          sequence_number: sequence,
          message_id: String(++this.messageId),
        });
        return;
      }
      case 'unbind':
        this.reply(connection, { command: 'unbind_resp', sequence_number: sequence });
        connection.socket.end();
        return;
      default:
        return;
    }
  }
}
