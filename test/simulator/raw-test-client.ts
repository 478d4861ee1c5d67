/**
 * A deliberately small ESME for simulator tests: a net socket, our framer and codec, nothing else.
 * It lets tests send any PDU (or raw bytes) and observe exactly what comes back.
 */
import { connect, type Socket } from 'node:net';
import {
  CommandId,
  PduFramer,
  decodePdu,
  encodePdu,
  type AnyPduInput,
  type Pdu,
  type PduOf,
} from '../../lib/protocol/index.js';

export interface RawClientOptions {
  /** Answer deliver_sm, enquire_link and unbind automatically (default true). */
  autoRespond?: boolean;
  /** command_status for automatic deliver_sm_resp (default 0). */
  deliverSmStatus?: number;
}

type Waiter = { predicate: (pdu: Pdu) => boolean; resolve: (pdu: Pdu) => void };

export class RawTestClient {
  /** Every PDU received, in order. */
  readonly received: Pdu[] = [];
  /** Raw frames that failed to decode. */
  readonly undecodable: Buffer[] = [];
  closed = false;
  readonly closedPromise: Promise<void>;
  private readonly framer = new PduFramer();
  private readonly pending = new Map<number, (pdu: Pdu) => void>();
  private waiters: Waiter[] = [];
  private sequence = 1;

  private constructor(
    readonly socket: Socket,
    private readonly options: RawClientOptions,
  ) {
    this.closedPromise = new Promise((resolve) =>
      socket.on('close', () => {
        this.closed = true;
        resolve();
      }),
    );
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = this.framer.push(chunk);
      } catch {
        this.undecodable.push(chunk);
        return;
      }
      for (const frame of frames) {
        let pdu: Pdu;
        try {
          pdu = decodePdu(frame);
        } catch {
          this.undecodable.push(Buffer.from(frame));
          continue;
        }
        this.onPdu(pdu);
      }
    });
  }

  static async connect(port: number, options: RawClientOptions = {}): Promise<RawTestClient> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawTestClient(socket, { autoRespond: true, ...options });
  }

  /** Connects and binds; rejects if the bind is refused. */
  static async bound(
    port: number,
    command: 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver' = 'bind_transceiver',
    credentials: { system_id?: string; password?: string } = {},
    options: RawClientOptions = {},
  ): Promise<RawTestClient> {
    const client = await RawTestClient.connect(port, options);
    const resp = await client.request({
      command,
      system_id: 'esme',
      password: 'pw',
      interface_version: 0x34,
      ...credentials,
    });
    if (resp.command_status !== 0) throw new Error(`bind refused: ${resp.command_status}`);
    return client;
  }

  /** Sends a PDU with the next sequence number; returns the sequence number. */
  send(pdu: AnyPduInput): number {
    const sequence_number = pdu.sequence_number ?? this.sequence++;
    this.socket.write(encodePdu({ ...pdu, sequence_number } as AnyPduInput));
    return sequence_number;
  }

  /** Sends a request and resolves with its response (or generic_nack) by sequence number. */
  request(pdu: AnyPduInput, timeoutMs = 3000): Promise<Pdu> {
    const sequence = pdu.sequence_number ?? this.sequence++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(sequence);
        reject(new Error(`no response to ${pdu.command} #${sequence} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(sequence, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.send({ ...pdu, sequence_number: sequence } as AnyPduInput);
    });
  }

  /** Writes raw bytes. */
  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves with the first received PDU (past or future) matching `predicate`. */
  waitFor<C extends Pdu['command']>(
    command: C,
    predicate: (pdu: PduOf<C>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<PduOf<C>> {
    const test = (pdu: Pdu): boolean => pdu.command === command && predicate(pdu as PduOf<C>);
    const seen = this.received.find(test);
    if (seen !== undefined) return Promise.resolve(seen as PduOf<C>);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate: test,
        resolve: (pdu) => {
          clearTimeout(timer);
          resolve(pdu as PduOf<C>);
        },
      };
      this.waiters.push(waiter);
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `no ${command} within ${timeoutMs} ms; got ${this.received.map((p) => p.command).join(',')}`,
          ),
        );
      }, timeoutMs);
    });
  }

  /** Resolves once `count` PDUs of `command` were received. */
  async waitForCount<C extends Pdu['command']>(
    command: C,
    count: number,
    timeoutMs = 3000,
  ): Promise<PduOf<C>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.received.filter((p) => p.command === command) as PduOf<C>[];
      if (matching.length >= count) return matching;
      if (Date.now() > deadline)
        throw new Error(`only ${matching.length} of ${count} ${command} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  ofCommand<C extends Pdu['command']>(command: C): PduOf<C>[] {
    return this.received.filter((p) => p.command === command) as PduOf<C>[];
  }

  close(): void {
    this.socket.destroy();
  }

  private onPdu(pdu: Pdu): void {
    this.received.push(pdu);
    if (pdu.command.endsWith('_resp') || pdu.command === 'generic_nack') {
      const handler = this.pending.get(pdu.sequence_number);
      if (handler !== undefined) {
        this.pending.delete(pdu.sequence_number);
        handler(pdu);
      }
    } else if (this.options.autoRespond) {
      if (pdu.command === 'deliver_sm') {
        this.send({
          command: 'deliver_sm_resp',
          sequence_number: pdu.sequence_number,
          command_status: this.options.deliverSmStatus ?? 0,
        });
      } else if (pdu.command === 'enquire_link') {
        this.send({ command: 'enquire_link_resp', sequence_number: pdu.sequence_number });
      } else if (pdu.command === 'unbind') {
        this.send({ command: 'unbind_resp', sequence_number: pdu.sequence_number });
      }
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(pdu)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(pdu);
      }
    }
  }
}

/** A header-only frame with any values (for malformed-input tests). */
export function rawHeader(
  length: number,
  commandId: number,
  sequence: number,
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const bytes = Buffer.alloc(16 + body.length);
  bytes.writeUInt32BE(length, 0);
  bytes.writeUInt32BE(commandId, 4);
  bytes.writeUInt32BE(0, 8);
  bytes.writeUInt32BE(sequence, 12);
  body.copy(bytes, 16);
  return bytes;
}

export { CommandId };
