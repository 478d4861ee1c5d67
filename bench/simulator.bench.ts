/**
 * Simulator benchmark: how many submit_sm per second naz-smsc absorbs, and its CPU time per submit_sm.
 *
 * Run: `npm run bench:simulator` (compiles to .out/ first). Writes bench/results/simulator.json.
 *
 * @remarks
 * The simulator runs in a child process (the `naz-smsc` bin, log level warn), so its CPU time is measured apart
 * from the blaster's: the child reports `process.cpuUsage()` in its stats line, read before and after each run.
 * The blaster is a raw client in this process: it binds, then writes pre-encoded submit_sm PDUs (all encoded
 * before the clock starts, unique sequence numbers, registered_delivery 0) keeping `WINDOW` requests
 * outstanding, and counts submit_sm_resp frames by their command_length. Each run uses a fresh child, warms it
 * up with `WARMUP` submits, then measures `N`. Median of `RUNS` runs. `BENCH_SIM_ARGS` adds naz-smsc flags
 * (e.g. `--store-capacity 1`). `BENCH_SIM_RECEIPTS=1` asks a receipt for every submit (registered_delivery 1,
 * `--receipt-delay 0`): the blaster answers each deliver_sm with a pre-built deliver_sm_resp, a run ends when every
 * receipt is in, and the CPU is per message with its receipt (what the receipts scenario of `npm run bench`
 * costs the simulator, without a client's own cost in the way).
 *
 * "Capacity per core" is 1 / (CPU per submit_sm): the rate at which the simulator would saturate one core.
 * The measured rate is lower whenever the blaster (one Node process on the same 2-core machine) or the
 * loopback is the bottleneck; both figures are reported.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodePdu } from '../lib/protocol/index.js';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET = 400_000;
const RECEIPTS = process.env.BENCH_SIM_RECEIPTS === '1';
const DELIVER_SM = 0x00000005;
const DELIVER_SM_RESP = 0x80000005;

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'lib', 'simulator', 'cli', 'naz-smsc.js');

interface StatsLine {
  event: string;
  submitsAccepted: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  rssBytes: number;
}

/** The child simulator, with a line reader for its stdout. */
class Child {
  private readonly waiters: ((line: Record<string, unknown>) => void)[] = [];
  private constructor(readonly proc: ChildProcessWithoutNullStreams) {
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      this.waiters.shift()?.(parsed);
    });
    proc.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  }

  static async start(): Promise<{ child: Child; port: number }> {
    const proc = spawn(
      process.execPath,
      [
        BIN,
        '--port',
        '0',
        '--log-level',
        'warn',
        '--stdin-control',
        ...(RECEIPTS ? ['--receipt-delay', '0'] : []),
        ...(process.env.BENCH_SIM_ARGS ?? '').split(' ').filter(Boolean),
      ],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const child = new Child(proc);
    const listening = await child.next();
    return { child, port: Number(listening.port) };
  }

  next(): Promise<Record<string, unknown>> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stats(): Promise<StatsLine> {
    const line = this.next();
    this.proc.stdin.write('stats\n');
    return (await line) as unknown as StatsLine;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.kill('SIGTERM');
    await exited;
  }
}

/** All submit_sm PDUs of a run, encoded back to back, plus where each starts. */
function preEncode(count: number, firstSequence: number): { bytes: Buffer; offsets: Uint32Array } {
  const template = {
    command: 'submit_sm',
    source_addr_ton: 5,
    source_addr: 'ACME',
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: '447700900123',
    data_coding: 0,
    registered_delivery: RECEIPTS ? 1 : 0,
    short_message: Buffer.from('Your verification code is 482913. It expires in 10 minutes.'),
  } as const;
  const size = encodePdu({ ...template, sequence_number: 1 }).length;
  const bytes = Buffer.allocUnsafe(size * count);
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) {
    encodePdu({ ...template, sequence_number: firstSequence + i }).copy(bytes, i * size);
    offsets[i] = i * size;
  }
  offsets[count] = size * count;
  return { bytes, offsets };
}

async function open(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const bindResp = new Promise<void>((resolve) => socket.once('data', () => resolve()));
  const bind = { sequence_number: 1, system_id: 'bench', password: 'bench', interface_version: 0x34 };
  // Receipts go to a bind that can receive them (§2.3): a transceiver.
  socket.write(
    encodePdu(RECEIPTS ? { command: 'bind_transceiver', ...bind } : { command: 'bind_transmitter', ...bind }),
  );
  await bindResp;
  return socket;
}

const ACKS_PER_WRITE = 256;
/** deliver_sm_resp templates, ESME_ROK: only the sequence number is written per receipt. */
const ackScratch = Buffer.alloc(ACKS_PER_WRITE * 17);
for (let i = 0; i < ACKS_PER_WRITE; i++) {
  ackScratch.writeUInt32BE(17, i * 17);
  ackScratch.writeUInt32BE(DELIVER_SM_RESP, i * 17 + 4);
}

/**
 * Sends every pre-encoded PDU with at most `WINDOW` outstanding (and, with receipts, answers every deliver_sm);
 * resolves with the elapsed ms once every response (and receipt) is in.
 */
function blast(socket: Socket, pdus: { bytes: Buffer; offsets: Uint32Array }): Promise<number> {
  const total = pdus.offsets.length - 1;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = 0;
    let receipts = 0;
    let failed = 0;
    let carry = Buffer.alloc(0);
    const started = process.hrtime.bigint();
    const sendMore = (): void => {
      const room = Math.min(WINDOW - (sent - answered), total - sent);
      if (room <= 0) return;
      socket.write(pdus.bytes.subarray(pdus.offsets[sent], pdus.offsets[sent + room]));
      sent += room;
    };
    const onData = (chunk: Buffer): void => {
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let o = 0;
      let acks = 0;
      while (data.length - o >= 16) {
        const length = data.readUInt32BE(o);
        if (data.length - o < length) break;
        if (data.readUInt32BE(o + 4) === DELIVER_SM) {
          // One deliver_sm_resp per receipt (17 octets: header and a NULL message_id), written per read.
          const ack = ackScratch.subarray(acks * 17, acks * 17 + 17);
          ack.writeUInt32BE(data.readUInt32BE(o + 12), 12);
          acks++;
          receipts++;
        } else {
          if (data.readUInt32BE(o + 8) !== 0) failed++;
          answered++;
        }
        o += length;
        if (acks === ACKS_PER_WRITE) {
          socket.write(Buffer.from(ackScratch));
          acks = 0;
        }
      }
      if (acks > 0) socket.write(Buffer.from(ackScratch.subarray(0, acks * 17)));
      carry = o < data.length ? Buffer.from(data.subarray(o)) : Buffer.alloc(0);
      if (answered >= total && (!RECEIPTS || receipts >= total)) {
        socket.off('data', onData);
        if (failed > 0) reject(new Error(`${failed} submit_sm were refused`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        return;
      }
      sendMore();
    };
    socket.on('data', onData);
    sendMore();
  });
}

interface RunResult {
  submitsPerSecond: number;
  simCpuUsPerSubmit: number;
  simCpuUserUsPerSubmit: number;
  simCpuSystemUsPerSubmit: number;
  capacityPerCore: number;
  elapsedMs: number;
  simRssMb: number;
}

async function run(
  index: number,
  pdus: { bytes: Buffer; offsets: Uint32Array },
  warm: { bytes: Buffer; offsets: Uint32Array },
): Promise<RunResult> {
  const { child, port } = await Child.start();
  try {
    const socket = await open(port);
    await blast(socket, warm);
    const before = await child.stats();
    const elapsedMs = await blast(socket, pdus);
    const after = await child.stats();
    socket.destroy();
    if (after.submitsAccepted - before.submitsAccepted !== N) {
      throw new Error(`simulator accepted ${after.submitsAccepted - before.submitsAccepted} of ${N}`);
    }
    const user = (after.cpuUserUs - before.cpuUserUs) / N;
    const system = (after.cpuSystemUs - before.cpuSystemUs) / N;
    const result: RunResult = {
      submitsPerSecond: Math.round(N / (elapsedMs / 1000)),
      simCpuUsPerSubmit: user + system,
      simCpuUserUsPerSubmit: user,
      simCpuSystemUsPerSubmit: system,
      capacityPerCore: Math.round(1e6 / (user + system)),
      elapsedMs: Math.round(elapsedMs),
      simRssMb: Math.round(after.rssBytes / 1e6),
    };
    console.log(
      `run ${index + 1}/${RUNS}: ${result.submitsPerSecond.toLocaleString('en')} submit_sm/s, ` +
        `simulator CPU ${result.simCpuUsPerSubmit.toFixed(2)} µs/submit_sm`,
    );
    return result;
  } finally {
    await child.stop();
  }
}

/** The nearest folder above the compiled bench that holds package.json. */
function repositoryRoot(): string {
  let dir = here;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The medians `runSimulatorBench` reports (also written to bench/results/simulator.json). */
export interface SimulatorBenchSummary {
  submitsPerSecond: number;
  simCpuUsPerSubmit: number;
  simCpuUserUsPerSubmit: number;
  simCpuSystemUsPerSubmit: number;
  capacityPerCore: number;
}

/**
 * Runs the benchmark (N, window and runs from BENCH_N / BENCH_WINDOW / BENCH_RUNS), prints the table, writes
 * bench/results/simulator.json and returns the medians; `npm run bench` can call it.
 */
export async function runSimulatorBench(): Promise<SimulatorBenchSummary> {
  console.log(
    `naz-smsc benchmark: ${N.toLocaleString('en')} submit_sm${RECEIPTS ? ' with a receipt each' : ''}, ` +
      `window ${WINDOW}, ${RUNS} runs (median)`,
  );
  const warm = preEncode(WARMUP, 2);
  const pdus = preEncode(N, 2 + WARMUP);
  const results: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await run(i, pdus, warm));
  const summary: SimulatorBenchSummary = {
    submitsPerSecond: median(results.map((r) => r.submitsPerSecond)),
    simCpuUsPerSubmit: Number(median(results.map((r) => r.simCpuUsPerSubmit)).toFixed(3)),
    simCpuUserUsPerSubmit: Number(median(results.map((r) => r.simCpuUserUsPerSubmit)).toFixed(3)),
    simCpuSystemUsPerSubmit: Number(median(results.map((r) => r.simCpuSystemUsPerSubmit)).toFixed(3)),
    capacityPerCore: median(results.map((r) => r.capacityPerCore)),
  };
  const rows = [
    ['metric', 'median', 'target'],
    [
      'submit_sm/s (measured, blaster + simulator)',
      summary.submitsPerSecond.toLocaleString('en'),
      `>= ${TARGET.toLocaleString('en')}`,
    ],
    [
      'simulator CPU µs per submit_sm',
      summary.simCpuUsPerSubmit.toFixed(2),
      `<= ${(1e6 / TARGET).toFixed(2)}`,
    ],
    [
      '  of which user / system',
      `${summary.simCpuUserUsPerSubmit.toFixed(2)} / ${summary.simCpuSystemUsPerSubmit.toFixed(2)}`,
      '',
    ],
    [
      'simulator capacity per core (1 / CPU)',
      summary.capacityPerCore.toLocaleString('en'),
      `>= ${TARGET.toLocaleString('en')}`,
    ],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  const out = {
    benchmark: 'simulator',
    date: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().map((c) => c.model)[0],
    n: N,
    window: WINDOW,
    warmup: WARMUP,
    receipts: RECEIPTS,
    runs: results,
    median: summary,
    target: {
      submitsPerSecond: TARGET,
      meetsOnCapacity: summary.capacityPerCore >= TARGET,
      meetsMeasured: summary.submitsPerSecond >= TARGET,
    },
  };
  const name = RECEIPTS ? 'simulator-receipts.json' : 'simulator.json';
  const file = join(repositoryRoot(), 'bench', 'results', name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${file}`);
  return summary;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSimulatorBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
