/**
 * The RabbitMQ durable pipeline measured in detail (issue 13, section 2, target 3): msg/s, client CPU per
 * message, AMQP frames and socket writes per message, and the broker's CPU per message, each run in a fresh
 * child process against a throwaway broker this script starts on free ports (never the machine's own).
 *
 * Contenders run alternately (A, B, A, B...), medians of `BENCH_RUNS` (default 3):
 * - `pipeline`: `SmppClient.send()` → `RabbitMqOutboundQueue` (confirmed) → consume → submit_sm to the SMSC
 *   simulator → ack after the answer: `npm run bench`'s `queues` scenario.
 * - `pipeline@<path>`: the same with the queue class loaded from another build (`<path>` to its
 *   `lib/queue/rabbitmq/index.js`): before/after in one run.
 * - `raw`: the bound: amqplib alone doing the same publish/confirm/consume/ack with no SMPP, acks batched
 *   per turn (`allUpTo`), confirms counted per message.
 *
 * Usage: `tsc -p tsconfig.run.json && node .out/bench/rabbitmq-pipeline.bench.js [contender...]`
 * Environment: BENCH_RUNS, BENCH_MESSAGES (default 50,000), BENCH_WINDOW (default 100); for the pipeline
 * BENCH_PREFETCH (a number instead of 'auto'), BENCH_PACK_MESSAGES (the queue's `packMessages`), BENCH_QUEUE_ARGUMENTS and BENCH_SOCKET_OPTIONS (JSON). A contender
 * `name~KEY=VALUE` runs with that environment variable set in its child (an A/B of one setting).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toError } from '../lib/errors/to-error.js';
import { startRabbitMqServer } from '../test/support/rabbitmq-server.js';
import { beamPid, processCpuUs } from './support/process-cpu.js';
import { SimulatorProcess } from './support/simulator-process.js';
import { median, round } from './support/stats.js';
import type { RunResult } from './support/run-result.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 100);

/** What a child reports beside its `RunResult`. */
export interface PipelineRunResult extends RunResult {
  /** AMQP frames the client wrote / read per message, by kind. */
  framesOut: Record<string, number>;
  framesIn: Record<string, number>;
  /** `socket.write` calls on the AMQP socket per message (each one a syscall unless corked). */
  amqpWritesPerMsg: number;
  /** write(2)/writev(2) syscalls of the whole child per message (`/proc/self/io` syscw): AMQP + SMPP. */
  syscallsPerMsg: number;
}

interface ChildCommand {
  contender: string;
  amqpUrl: string;
  smscPort: number;
  window: number;
  messages: number;
}

interface Row extends PipelineRunResult {
  brokerCpuUsPerMsg: number;
}

function runChild(command: ChildCommand, onMeasuring: () => void): Promise<PipelineRunResult> {
  const child = fork(fileURLToPath(import.meta.url), ['child'], {
    // BENCH_CHILD_ARGS="--cpu-prof --cpu-prof-dir=..." profiles the children.
    execArgv: process.env.BENCH_CHILD_ARGS?.split(' ') ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (reply: { measuring?: true; result?: PipelineRunResult; error?: string }) => {
      if (reply.measuring) onMeasuring();
      else if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(reply.result!);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    child.send(command);
  });
}

async function parent(contenders: string[]): Promise<void> {
  const broker = await startRabbitMqServer();
  const sim = await SimulatorProcess.start();
  const beam = beamPid(broker.nodeName);
  const rows = new Map<string, Row[]>(contenders.map((c) => [c, []]));
  const loads: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      for (const contender of contenders) {
        let cpuAtStart = 0;
        loads.push(loadavg()[0]!);
        const result = await runChild(
          { contender, amqpUrl: broker.url, smscPort: sim.port, window: WINDOW, messages: MESSAGES },
          () => (cpuAtStart = beam ? processCpuUs(beam) : 0),
        );
        const brokerUs = beam ? processCpuUs(beam) - cpuAtStart : NaN;
        const row = { ...result, brokerCpuUsPerMsg: round(brokerUs / MESSAGES, 1) };
        rows.get(contender)!.push(row);
        console.error(
          `${contender} run ${r + 1}: ${row.msgsPerSec} msg/s, client ${row.cpuUsPerMsg} µs/msg, broker ` +
            `${row.brokerCpuUsPerMsg} µs/msg, frames out ${JSON.stringify(row.framesOut)} in ` +
            `${JSON.stringify(row.framesIn)}, amqp writes ${row.amqpWritesPerMsg}/msg, syscalls ` +
            `${row.syscallsPerMsg}/msg, load ${loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
  } finally {
    await sim.stop();
    await broker.stop();
  }
  const table = contenders.map((contender) => {
    const runs = rows.get(contender)!;
    const m = (f: (row: Row) => number): number => round(median(runs.map(f)), 2);
    return {
      contender,
      msgsPerSec: m((x) => x.msgsPerSec),
      clientCpuUsPerMsg: m((x) => x.cpuUsPerMsg),
      brokerCpuUsPerMsg: m((x) => x.brokerCpuUsPerMsg),
      framesOutPerMsg: m((x) => sum(x.framesOut)),
      framesInPerMsg: m((x) => sum(x.framesIn)),
      amqpWritesPerMsg: m((x) => x.amqpWritesPerMsg),
      syscallsPerMsg: m((x) => x.syscallsPerMsg),
      p99Ms: m((x) => x.p99Ms),
    };
  });
  console.table(table);
  console.error(
    `load average during the run: ${round(Math.min(...loads), 2)}..${round(Math.max(...loads), 2)}; ` +
      `N=${MESSAGES}, window ${WINDOW}, ${RUNS} runs each`,
  );
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

// ---- child ----

const METHOD_NAMES: Record<string, string> = {
  '60.40': 'publish',
  '60.60': 'deliver',
  '60.80': 'ack',
  '60.120': 'nack',
  '60.10': 'qos',
};

/** Counts AMQP frames in a byte stream, by kind (method name, header, body, heartbeat). */
class FrameCounter {
  readonly counts: Record<string, number> = {};
  private rest = Buffer.alloc(0);

  feed(chunk: Buffer): void {
    let buffer = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    // The protocol header (AMQP\0\0\9\1) opens the client's side.
    if (buffer.length >= 4 && buffer.toString('latin1', 0, 4) === 'AMQP') buffer = buffer.subarray(8);
    while (buffer.length >= 7) {
      const size = buffer.readUInt32BE(3);
      if (buffer.length < 8 + size) break;
      const type = buffer[0];
      let kind = type === 2 ? 'header' : type === 3 ? 'body' : type === 8 ? 'heartbeat' : 'other';
      if (type === 1) {
        const id = `${buffer.readUInt16BE(7)}.${buffer.readUInt16BE(9)}`;
        kind = METHOD_NAMES[id] ?? `method ${id}`;
      }
      this.counts[kind] = (this.counts[kind] ?? 0) + 1;
      buffer = buffer.subarray(8 + size);
    }
    this.rest = Buffer.from(buffer);
  }

  reset(): void {
    for (const key of Object.keys(this.counts)) delete this.counts[key];
  }
}

interface Instrumented {
  out: FrameCounter;
  in: FrameCounter;
  writes: number;
}

const meters: Instrumented[] = [];

/** amqplib's connect, counting the frames of each connection (through amqplib's internal stream: bench only). */
async function instrumentedConnect(url: unknown, socketOptions?: unknown): Promise<unknown> {
  const amqp = (await import('amqplib')).default;
  const model = (await amqp.connect(url as string, socketOptions as object | undefined)) as unknown as {
    connection: { stream: { write(chunk: Buffer, ...rest: unknown[]): boolean; read(): Buffer | null } };
  };
  const stream = model.connection.stream;
  const meter: Instrumented = { out: new FrameCounter(), in: new FrameCounter(), writes: 0 };
  meters.push(meter);
  const write = stream.write.bind(stream) as (chunk: Buffer, ...rest: unknown[]) => boolean;
  stream.write = (chunk: Buffer, ...rest: unknown[]) => {
    meter.writes++;
    meter.out.feed(chunk);
    return write(chunk, ...rest);
  };
  const read = stream.read.bind(stream);
  stream.read = () => {
    const chunk = read();
    if (chunk) meter.in.feed(chunk);
    return chunk;
  };
  return model;
}

function syscw(): number {
  const io = readFileSync('/proc/self/io', 'latin1');
  return Number(/syscw: (\d+)/.exec(io)![1]);
}

function perMessage(counts: Array<Record<string, number>>, messages: number): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of counts) for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
  for (const k of Object.keys(total)) total[k] = round(total[k]! / messages, 3);
  return total;
}

async function child(command: ChildCommand): Promise<PipelineRunResult> {
  // `<contender>~KEY=VALUE~...` runs it with those environment variables (an A/B of a switch).
  const [name, ...env] = command.contender.split('~');
  for (const pair of env) process.env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  command = { ...command, contender: name! };
  const spec = {
    port: command.smscPort,
    window: command.window,
    messages: command.messages,
    receipts: false,
  };
  let run: (messages: number, measured: () => void) => Promise<RunResult>;
  if (command.contender === 'raw') {
    const { rawAmqpLoop } = await import('./support/raw-amqp-loop.js');
    run = (messages, measured) =>
      rawAmqpLoop(instrumentedConnect, command.amqpUrl, command.window, messages, measured);
  } else {
    const path = command.contender.startsWith('pipeline@') ? command.contender.slice(9) : undefined;
    const module = (await import(
      path ? pathToFileURL(path).href : '../lib/queue/rabbitmq/index.js'
    )) as typeof import('../lib/queue/rabbitmq/index.js');
    const { nazEngineDriver } = await import('./drivers/naz-engine.driver.js');
    const { randomBytes } = await import('node:crypto');
    run = (messages, measured) => {
      const queue = new module.RabbitMqOutboundQueue({
        url: command.amqpUrl,
        queue: `bench.${randomBytes(4).toString('hex')}`,
        prefetch: process.env.BENCH_PREFETCH ? Number(process.env.BENCH_PREFETCH) : 'auto',
        ...(process.env.BENCH_PACK_MESSAGES ? { packMessages: Number(process.env.BENCH_PACK_MESSAGES) } : {}),
        ...(process.env.BENCH_QUEUE_ARGUMENTS
          ? { queueArguments: JSON.parse(process.env.BENCH_QUEUE_ARGUMENTS) as Record<string, unknown> }
          : {}),
        ...(process.env.BENCH_SOCKET_OPTIONS
          ? { socketOptions: JSON.parse(process.env.BENCH_SOCKET_OPTIONS) as Record<string, unknown> }
          : {}),
        connect: instrumentedConnect as never,
      });
      measured();
      return nazEngineDriver({ ...spec, messages }, queue);
    };
  }
  await run(Math.min(20_000, Math.max(1000, Math.round(command.messages / 10))), () => undefined);
  let syscallsAtStart = 0;
  const result = await run(command.messages, () => {
    for (const m of meters) {
      m.out.reset();
      m.in.reset();
      m.writes = 0;
    }
    syscallsAtStart = syscw();
    process.send!({ measuring: true });
  });
  const syscalls = syscw() - syscallsAtStart;
  return {
    ...result,
    framesOut: perMessage(
      meters.map((m) => m.out.counts),
      command.messages,
    ),
    framesIn: perMessage(
      meters.map((m) => m.in.counts),
      command.messages,
    ),
    amqpWritesPerMsg: round(meters.reduce((a, m) => a + m.writes, 0) / command.messages, 3),
    syscallsPerMsg: round(syscalls / command.messages, 3),
  };
}

if (process.argv[2] === 'child') {
  process.once('message', (command: ChildCommand) => {
    child(command).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (error: unknown) =>
        process.send!({ error: toError(error).stack ?? toError(error).message }, () => process.exit(1)),
    );
  });
} else {
  const contenders = process.argv.slice(2);
  await parent(contenders.length > 0 ? contenders : ['pipeline', 'raw']);
}
