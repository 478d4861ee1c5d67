/**
 * Child-process entry of `isolated()`: runs one benchmark run (or the soak) and sends back its result.
 * Loading the driver registry here, not in the parent, keeps every contender's code out of the others' JIT.
 */
import { DRIVERS } from '../drivers/driver-registry.js';
import { nazSoakDriver } from '../drivers/naz-soak.driver.js';
import type { DriverName } from '../drivers/driver-registry.js';
import type { RunSpec } from '../drivers/driver.interface.js';
import type { DriverChildCommand } from './isolated-driver.js';
import type { RunResult } from './run-result.js';

/**
 * A tenth of the run (1,000 to 20,000 messages), unmeasured, then the run: a fresh process measures
 * optimised code, as a long-running service runs, for every contender alike.
 */
async function warmedRun(driver: DriverName, spec: RunSpec): Promise<RunResult> {
  const warmup = Math.min(20_000, Math.max(1000, Math.round(spec.messages / 10)));
  await DRIVERS[driver]({ ...spec, messages: warmup });
  return DRIVERS[driver](spec);
}

process.once('message', (raw) => {
  const command = raw as DriverChildCommand;
  const work =
    command.op === 'soak'
      ? nazSoakDriver(command.spec.port, command.spec.window, command.spec.messages)
      : warmedRun(command.driver, command.spec);
  work.then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.exit(1),
      ),
  );
});
