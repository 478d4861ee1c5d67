import smpp from 'smpp';
import { RunMeter } from '../support/measure.js';
import { Completion } from './completion.js';
import type { RunSpec } from './driver.interface.js';
import type { RunResult } from '../support/run-result.js';

import type { NodeSmppPdu } from 'smpp';

/** The node-smpp session methods the driver calls (its commands are generated at run time). */
interface Session {
  /** The session's TCP socket (a `net.Socket`; public, though node-smpp's docs do not list it). */
  socket: { setNoDelay(noDelay: boolean): unknown };
  bind_transceiver(options: object, callback: (pdu: NodeSmppPdu) => void): void;
  submit_sm(options: object, callback: (pdu: NodeSmppPdu) => void): void;
  send(pdu: NodeSmppPdu): boolean;
  on(event: string, listener: (pdu: NodeSmppPdu) => void): void;
  close(): void;
}

/**
 * The peer every ratio is taken against: node-smpp with Nagle's algorithm off, as our client, the simulator
 * and the raw-socket ceiling run. node-smpp 0.5.1 never calls `setNoDelay`; with its default, each small
 * deliver_sm_resp it writes waits for the peer's delayed ACK (~40 ms on Linux), and with a receipt per
 * message that stall, not its code, sets its rate (a ~7× fall at window 100 in issue 13's measurements).
 */
export function nodeSmppNoDelayDriver(spec: RunSpec): Promise<RunResult> {
  return nodeSmppDriver(spec, true);
}

/** node-smpp as installed (Nagle on): an information column only, never the denominator of a ratio. */
export function nodeSmppDefaultDriver(spec: RunSpec): Promise<RunResult> {
  return nodeSmppDriver(spec, false);
}

/**
 * node-smpp's client (the `smpp` npm package). It has no window of its own, so the driver keeps `window`
 * submits outstanding and sends the next one from each response callback — the most favourable way to
 * drive it. GSM text goes as a Buffer with data_coding 0 (node-smpp would send a string as IA5).
 */
async function nodeSmppDriver(spec: RunSpec, noDelay: boolean): Promise<RunResult> {
  const session = await new Promise<Session>((resolve, reject) => {
    const s = smpp.connect({ url: `smpp://127.0.0.1:${spec.port}`, auto_enquire_link_period: 0 }, () =>
      resolve(s as unknown as Session),
    );
    s.on('error', reject);
  });
  if (noDelay) session.socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) =>
    session.bind_transceiver({ system_id: 'bench', password: 'bench' }, (pdu) =>
      pdu.command_status === 0 ? resolve() : reject(new Error(`bind failed: ${pdu.command_status}`)),
    ),
  );
  const warmup = spec.warmup ?? 0;
  const completion = new Completion(warmup + spec.messages);
  if (spec.receipts) {
    session.on('deliver_sm', (pdu) => {
      session.send(pdu.response());
      completion.tick();
    });
  }
  // The warm-up (`spec.warmup` submits, unmeasured) runs on this session first, as ours runs on its client.
  const meter: { current?: RunMeter } = {};
  let next = 0;
  let limit = 0;
  const submitOne = (): void => {
    const i = next++;
    const startedAt = performance.now();
    session.submit_sm(
      {
        source_addr: 'BENCH',
        source_addr_ton: 5,
        destination_addr: '447700900123',
        data_coding: 0,
        registered_delivery: spec.receipts ? 1 : 0,
        short_message: Buffer.from(`Your code is ${i % 1_000_000}`, 'latin1'),
      },
      (pdu) => {
        meter.current?.latency(performance.now() - startedAt);
        if (pdu.command_status !== 0) throw new Error(`node-smpp submit failed: ${pdu.command_status}`);
        if (!spec.receipts) completion.tick();
        if (next < limit) submitOne();
      },
    );
  };
  /** Sends `count` more, `window` outstanding, and resolves when all of them (and those before) are complete. */
  const phase = async (count: number): Promise<void> => {
    limit += count;
    for (let w = 0; w < spec.window && next < limit; w++) submitOne();
    await completion.atLeast(limit);
  };
  if (warmup > 0) await phase(warmup);
  meter.current = new RunMeter(spec.messages);
  meter.current.start();
  await phase(spec.messages);
  const result = meter.current.finish();
  session.close();
  return result;
}
