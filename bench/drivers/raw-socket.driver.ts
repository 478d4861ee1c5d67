import { connect, type Socket } from 'node:net';
import { encodePdu } from '../../lib/protocol/index.js';
import { RunMeter } from '../support/measure.js';
import type { RunSpec } from './driver.interface.js';
import type { RunResult } from '../support/run-result.js';

const HEADER = 16;
const SUBMIT_SM_RESP = 0x80000004;
const BIND_TRANSCEIVER_RESP = 0x80000009;

/**
 * The ceiling, not a client: a bare TCP socket writing one pre-encoded submit_sm over and over (only the
 * sequence_number is stamped per message) and counting submit_sm_resp headers, keeping `window` outstanding.
 * No validation, no queue, no promises, no per-message objects: whatever our client spends above this is
 * overhead to hunt, and what this reaches is what the simulator and the loopback allow.
 */
export async function rawSocketDriver(spec: RunSpec): Promise<RunResult> {
  if (spec.receipts) throw new Error('the raw-socket ceiling runs without receipts');
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect(spec.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  const template = encodePdu({
    command: 'submit_sm',
    sequence_number: 1,
    source_addr: 'BENCH',
    source_addr_ton: 5,
    destination_addr: '447700900123',
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    short_message: Buffer.from('Your code is 123456', 'latin1'),
  });
  const size = template.length;
  // The warm-up (`spec.warmup` submits, unmeasured) runs on this socket first; the meter starts once it is answered.
  const warmup = spec.warmup ?? 0;
  const total = warmup + spec.messages;
  const meter = new RunMeter(spec.messages);
  const sentAt = new Float64Array(total + 2);
  let next = 0;
  let limit = 0;
  let answered = 0;
  let pending: Buffer = Buffer.alloc(0);
  let bound = false;

  return new Promise<RunResult>((resolve, reject) => {
    socket.once('error', reject);
    const sendUpTo = (count: number): void => {
      const n = Math.min(count, limit - next);
      if (n <= 0) return;
      const out = Buffer.allocUnsafe(n * size);
      const now = performance.now();
      for (let i = 0; i < n; i++) {
        const offset = i * size;
        template.copy(out, offset);
        const sequence = ++next + 1; // 1 is the bind
        out.writeUInt32BE(sequence, offset + 12);
        sentAt[sequence] = now;
      }
      socket.write(out);
    };
    socket.on('data', (chunk: Buffer) => {
      const data: Buffer = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let offset = 0;
      let answeredNow = 0;
      const now = performance.now();
      while (data.length - offset >= HEADER) {
        const length = data.readUInt32BE(offset);
        if (data.length - offset < length) break;
        const command = data.readUInt32BE(offset + 4);
        if (command === SUBMIT_SM_RESP) {
          if (data.readUInt32BE(offset + 8) !== 0) {
            reject(new Error(`raw socket: submit_sm rejected with ${data.readUInt32BE(offset + 8)}`));
            return;
          }
          const sequence = data.readUInt32BE(offset + 12);
          if (sequence > warmup + 1) meter.latency(now - sentAt[sequence]!);
          answeredNow++;
        } else if (command === BIND_TRANSCEIVER_RESP) {
          bound = true;
          limit = warmup;
          if (warmup === 0) {
            limit = total;
            meter.start();
          }
          sendUpTo(spec.window);
        }
        offset += length;
      }
      pending = offset === data.length ? Buffer.alloc(0) : data.subarray(offset);
      if (answeredNow === 0) return;
      answered += answeredNow;
      if (answered === total) {
        const result = meter.finish();
        socket.destroy();
        resolve(result);
        return;
      }
      if (answered === warmup && limit === warmup) {
        limit = total;
        meter.start();
        sendUpTo(spec.window);
      } else if (bound) sendUpTo(answeredNow);
    });
    socket.write(
      encodePdu({
        command: 'bind_transceiver',
        sequence_number: 1,
        system_id: 'bench',
        password: 'bench',
        interface_version: 0x34,
      }),
    );
  });
}
