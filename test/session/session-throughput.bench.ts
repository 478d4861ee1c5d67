/**
 * Session throughput benchmark: submit_sm → submit_sm_resp round trips per second through one SmppSession,
 * against a minimal raw-bytes SMSC running in a child process, and the session process's CPU time per request
 * (user + system µs; steadier than the rate on a shared machine, since the SMSC's cost is not in it).
 *
 * Run (compiles into .tmp/, which git ignores):
 * ```
 * npx tsc --outDir .tmp/session-bench --rootDir . --module NodeNext --moduleResolution NodeNext \
 *   --target ES2022 --skipLibCheck --types node test/session/session-throughput.bench.ts
 * node .tmp/session-bench/test/session/session-throughput.bench.js
 * ```
 * Env: BENCH_MS (per run, default 3000), BENCH_WINDOWS (default "10,100,1000"), BENCH_OUTSTANDING (requests the
 * caller keeps issued, default 2 × window, at least 200).
 */
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import type { PduInput } from '../../lib/protocol/pdu.types.js';
import { SmppSession } from '../../lib/session/index.js';

const RESPONDER = `
const net = require('node:net');

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let pending = Buffer.alloc(0);
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const out = [];
    let off = 0;
    while (buf.length - off >= 16) {
      const len = buf.readUInt32BE(off);
      if (buf.length - off < len) break;
      const id = buf.readUInt32BE(off + 4);
      const seq = buf.readUInt32BE(off + 12);
      let body;
      if (id === 1 || id === 2 || id === 9) body = Buffer.from('BENCH\\0');
      else if (id === 4) body = Buffer.from('1\\0');
      else body = Buffer.alloc(0);
      const resp = Buffer.allocUnsafe(16 + body.length);
      resp.writeUInt32BE(16 + body.length, 0);
      resp.writeUInt32BE((id | 0x80000000) >>> 0, 4);
      resp.writeUInt32BE(0, 8);
      resp.writeUInt32BE(seq, 12);
      body.copy(resp, 16);
      out.push(resp);
      off += len;
      if (id === 6) { socket.end(Buffer.concat(out)); return; }
    }
    pending = off < buf.length ? buf.subarray(off) : Buffer.alloc(0);
    if (out.length) socket.write(out.length === 1 ? out[0] : Buffer.concat(out));
  });
});
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
process.on('message', () => process.exit(0));
`;

const submit: PduInput<'submit_sm'> = {
  command: 'submit_sm',
  source_addr: 'NAZ',
  destination_addr: '447700900123',
  registered_delivery: 1,
  short_message: Buffer.from('Hello from the nestjs-naz session benchmark'),
};

async function run(
  port: number,
  windowSize: number,
  durationMs: number,
  outstanding: number,
): Promise<{ rate: number; cpuMicros: number }> {
  const session = new SmppSession({
    host: '127.0.0.1',
    port,
    systemId: 'bench',
    password: 'bench',
    windowSize,
    enquireLinkIntervalMs: 60_000,
  });
  await session.open();
  let done = 0;
  let stop = false;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await new Promise<void>((resolve, reject) => {
    let active = 0;
    const issue = (): void => {
      active++;
      session.request(submit).then(onDone, reject);
    };
    const onDone = (): void => {
      active--;
      done++;
      if (!stop) issue();
      else if (active === 0) resolve();
    };
    for (let i = 0; i < outstanding; i++) issue();
    setTimeout(() => (stop = true), durationMs);
  });
  const rate = done / ((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpuBefore);
  await session.close();
  return { rate, cpuMicros: (cpu.user + cpu.system) / done };
}

async function main(): Promise<void> {
  const durationMs = Number(process.env.BENCH_MS ?? 3000);
  const windows = (process.env.BENCH_WINDOWS ?? '10,100,1000').split(',').map(Number);
  const smsc = spawn(process.execPath, ['-e', RESPONDER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) =>
    smsc.once('message', (message) => resolve(Number(message))),
  );
  try {
    await run(port, 100, 500, 200); // warm-up
    for (const windowSize of windows) {
      const outstanding = Number(process.env.BENCH_OUTSTANDING ?? Math.max(200, windowSize * 2));
      const { rate, cpuMicros } = await run(port, windowSize, durationMs, outstanding);
      console.log(
        `window ${String(windowSize).padStart(5)}  outstanding ${String(outstanding).padStart(5)}  ` +
          `${Math.round(rate).toLocaleString('en-US').padStart(9)} submit_sm/s  ` +
          `${cpuMicros.toFixed(2)} µs CPU per request`,
      );
    }
  } finally {
    smsc.send('stop');
  }
}

await main();
