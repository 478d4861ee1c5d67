/**
 * Child-process entry of `isolated()`: runs one benchmark run (or the soak) and sends back its result.
 * Only the driver asked for is loaded (see the registry), so the child's JIT state and RSS are that client's.
 */
import { DRIVERS } from '../drivers/driver-registry.js';
import type { DriverName } from '../drivers/driver-registry.js';
import type { RunSpec } from '../drivers/driver.interface.js';
import type { DriverChildCommand } from './isolated-driver.js';
import type { RunResult } from './run-result.js';
import { warmupMessages } from './warmup.js';

/**
 * One driver call: a warm-up (see {@link warmupMessages}), unmeasured, on the client the driver then measures,
 * so a fresh process measures optimised code on a warmed instance, as a long-running service runs, for every
 * contender alike. (Until issue 13 the warm-up was a driver call of its own: the measured client was the
 * process's second instance, and its first messages paid the JIT's re-optimisation for a new client.)
 */
async function warmedRun(name: DriverName, spec: RunSpec): Promise<RunResult> {
  const driver = await DRIVERS[name]();
  return driver({ ...spec, warmup: spec.warmup ?? warmupMessages(spec.messages) });
}

process.once('message', (raw) => {
  const command = raw as DriverChildCommand;
  const work =
    command.op === 'soak'
      ? import('../drivers/naz-soak.driver.js').then(({ nazSoakDriver }) =>
          nazSoakDriver(command.spec.port, command.spec.window, command.spec.messages),
        )
      : warmedRun(command.driver, command.spec);
  work.then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.exit(1),
      ),
  );
});
