/**
 * Minimal ambient types for the `smpp` npm package (node-smpp 0.5), which ships none. It is a test and
 * benchmark peer only: these declare just what our tests and benchmarks touch, loosely.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';

  export interface NodeSmppPdu {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): NodeSmppPdu;
    toBuffer(): Buffer;
  }

  export interface NodeSmppSession extends EventEmitter {
    send(pdu: NodeSmppPdu, callback?: (pdu: NodeSmppPdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    [command: string]: unknown;
  }

  export interface NodeSmppServer extends EventEmitter {
    listen(port: number, host?: string, callback?: () => void): this;
    close(callback?: () => void): void;
    address(): { port: number; address: string } | string | null;
  }

  export const PDU: {
    new (command: string, options?: Record<string, unknown>): NodeSmppPdu;
    fromBuffer(buffer: Buffer): NodeSmppPdu | false;
  };

  export function connect(options: string | Record<string, unknown>, listener?: () => void): NodeSmppSession;
  export function createServer(
    options: Record<string, unknown> | ((session: NodeSmppSession) => void),
    listener?: (session: NodeSmppSession) => void,
  ): NodeSmppServer;

  const smpp: {
    PDU: typeof PDU;
    connect: typeof connect;
    createServer: typeof createServer;
    [key: string]: unknown;
  };
  export default smpp;
}
