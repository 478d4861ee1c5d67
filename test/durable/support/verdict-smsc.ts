import { createRequire } from 'node:module';
import type net from 'node:net';

/** The slice of node-smpp 0.5.1's server API used here (the package ships no types). */
interface NodeSmppPdu {
  sequence_number: number;
  destination_addr?: string;
  short_message?: { message?: string } | Buffer | string;
  response(options?: Record<string, unknown>): NodeSmppPdu;
}
interface NodeSmppSession {
  on(event: string, listener: (pdu: NodeSmppPdu) => void): void;
  send(pdu: NodeSmppPdu): void;
  close(): void;
}
const smpp = createRequire(import.meta.url)('smpp') as {
  createServer(listener: (session: NodeSmppSession) => void): net.Server;
};

/** An SMSC (node-smpp's server) that answers each submit_sm by its destination: see {@link VERDICTS}. */
export interface VerdictSmsc {
  readonly port: number;
  /** destination_addr of every submit_sm it accepted (ESME_ROK), in arrival order. */
  readonly accepted: string[];
  /** submit_sm answered with an error status, by destination_addr. */
  readonly refused: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Destinations the SMSC refuses, with the status it answers: a permanent rejection (`ESME_RINVDSTADR`, SMPP 3.4
 * §5.1.3 0x0000000B) and a system error the client retries by default (`ESME_RSYSERR`, 0x00000008).
 */
export const VERDICTS = { '000': 0x0b, '008': 0x08 } as const;

/** Starts it on a free port; every bind succeeds. */
export async function startVerdictSmsc(): Promise<VerdictSmsc> {
  const accepted: string[] = [];
  const refused = new Map<string, number>();
  let nextId = 1;
  const server = smpp.createServer((session) => {
    session.on('error', () => undefined);
    for (const bind of ['bind_transceiver', 'bind_transmitter'])
      session.on(bind, (pdu) => session.send(pdu.response({ system_id: 'VERDICT' })));
    session.on('submit_sm', (pdu) => {
      const to = pdu.destination_addr ?? '';
      const status = (VERDICTS as Record<string, number>)[to];
      if (status !== undefined) {
        refused.set(to, (refused.get(to) ?? 0) + 1);
        session.send(pdu.response({ command_status: status }));
        return;
      }
      accepted.push(to);
      session.send(pdu.response({ message_id: String(nextId++) }));
    });
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      session.close();
    });
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted,
    refused,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
