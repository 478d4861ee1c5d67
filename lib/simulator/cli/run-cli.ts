import { createInterface } from 'node:readline';
import { createJsonLogger, type LogSink } from '../../logging/json-logger.js';
import type {
  FaultOptions,
  MalformedKind,
  MoMessage,
  ReceiptOptions,
} from '../simulator-options.interface.js';
import { SmscSimulator } from '../smsc-simulator.js';
import { CliArgumentError, HELP_TEXT, parseCliArgs } from './parse-cli-args.js';

/** Where the CLI writes and reads; the process's streams by default (tests pass their own). */
export interface CliIo {
  stdout: LogSink;
  stderr: LogSink;
  stdin?: NodeJS.ReadableStream;
}

/** A JSON stats line: the simulator's counters plus this process's CPU time and memory. */
export function statsLine(sim: SmscSimulator, event: string): string {
  const cpu = process.cpuUsage();
  return `${JSON.stringify({
    event,
    time: new Date().toISOString(),
    ...sim.stats(),
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    rssBytes: process.memoryUsage.rss(),
  })}\n`;
}

/** One stdin control command: `stats`, or a JSON object (see `naz-smsc --help`). */
function applyControl(sim: SmscSimulator, line: string, io: CliIo): void {
  const text = line.trim();
  if (text === '') return;
  if (text === 'stats') {
    io.stdout.write(statsLine(sim, 'stats'));
    return;
  }
  const command = JSON.parse(text) as {
    faults?: FaultOptions;
    receipts?: ReceiptOptions;
    mo?: MoMessage;
    unbind?: boolean;
    drop?: boolean;
    malformed?: MalformedKind;
  };
  if (command.faults !== undefined) sim.setFaults(command.faults);
  if (command.receipts !== undefined) sim.setReceipts(command.receipts);
  if (command.mo !== undefined) sim.sendMo(command.mo);
  if (command.unbind === true) sim.sendUnbind();
  if (command.drop === true) sim.dropConnections();
  if (command.malformed !== undefined) sim.sendMalformed(command.malformed);
  io.stdout.write(`${JSON.stringify({ event: 'control', ok: true, faults: sim.faults })}\n`);
}

/**
 * Runs `naz-smsc` with these arguments: prints help, or starts the simulator and wires signals, stats and control.
 *
 * @returns the simulator (undefined after `--help`), and `shutdown()` which prints the exit stats line and stops it.
 * @throws CliArgumentError for unusable arguments; the listen error when the port is taken.
 */
export async function runCli(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<{ sim?: SmscSimulator; shutdown: () => Promise<void> }> {
  const parsed = parseCliArgs(argv);
  if (parsed.help) {
    io.stdout.write(HELP_TEXT);
    return { shutdown: async () => undefined };
  }
  const logger = createJsonLogger({
    level: parsed.logLevel,
    sink: io.stderr,
    // Passwords never reach a log line, even inside a message (they are masked wherever they appear).
    secretValues: (parsed.options.credentials ?? []).map((c) => c.password).filter((p) => p.length > 0),
  });
  const sim = await SmscSimulator.start({ ...parsed.options, logger });
  io.stdout.write(
    `${JSON.stringify({ event: 'listening', host: sim.host, port: sim.port, address: sim.address, url: sim.url, pid: process.pid, ...(sim.console === undefined ? {} : { console: sim.console.url }) })}\n`,
  );
  const interval =
    parsed.statsIntervalMs === undefined
      ? undefined
      : setInterval(() => io.stdout.write(statsLine(sim, 'stats')), parsed.statsIntervalMs);
  const reader =
    parsed.stdinControl && io.stdin !== undefined
      ? createInterface({ input: io.stdin, terminal: false })
      : undefined;
  reader?.on('line', (line) => {
    try {
      applyControl(sim, line, io);
    } catch (error) {
      logger.warn('control command refused', {
        line,
        error: error instanceof Error ? error.message : String(error),
      });
      io.stdout.write(`${JSON.stringify({ event: 'control', ok: false, error: String(error) })}\n`);
    }
  });
  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      if (interval !== undefined) clearInterval(interval);
      reader?.close();
      io.stdout.write(statsLine(sim, 'exit'));
      await sim.stop();
    })();
    return stopping;
  };
  return { sim, shutdown };
}

export { CliArgumentError };
