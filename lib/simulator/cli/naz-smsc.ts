#!/usr/bin/env node
/**
 * `naz-smsc`: the SMSC simulator as a command (`npx naz-smsc --port 2775`). See `naz-smsc --help`.
 */
import { CliArgumentError, runCli, statsLine } from './run-cli.js';

async function main(): Promise<void> {
  let started: Awaited<ReturnType<typeof runCli>>;
  try {
    started = await runCli(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`naz-smsc: ${message}\n`);
    process.exitCode = error instanceof CliArgumentError || error instanceof RangeError ? 2 : 1;
    return;
  }
  const { sim, shutdown } = started;
  if (sim === undefined) return;
  process.on('SIGUSR2', () => process.stdout.write(statsLine(sim, 'stats')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void shutdown().then(() => process.exit(0));
    });
  }
}

void main();
