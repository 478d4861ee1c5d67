#!/usr/bin/env node
/**
 * The `naz-cli` executable: runs an SMPP client from a JSON/YAML config file (see `naz-cli --help`, docs/CLI.md).
 *
 * @packageDocumentation
 */
import { runCli } from './cli-main.js';
import { ExitCode } from './exit-codes.js';

const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  onSignal(handler) {
    let received = 0;
    const listener = (signal: NodeJS.Signals): void => {
      // A second signal means "now": skip the drain.
      if (++received > 1) process.exit(ExitCode.Interrupted);
      handler(signal);
    };
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
    return () => {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    };
  },
});
// Let stdout drain before leaving (a pipe may be slow); sockets and timers left behind must not keep us alive.
process.exitCode = exitCode;
process.stdout.write('', () => process.exit(exitCode));
