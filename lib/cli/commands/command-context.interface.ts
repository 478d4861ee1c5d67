import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { EnqueueArgs, RunArgs, SendArgs } from '../args/cli-args.interface.js';
import type { CliConfig } from '../config/cli-config.interface.js';
import type { CliIo } from '../runtime/cli-io.interface.js';

/** What every sub-command starts from: its flags, the loaded config, the logger and the outside world. */
export interface CommandContext<
  A extends SendArgs | RunArgs | EnqueueArgs = SendArgs | RunArgs | EnqueueArgs,
> {
  args: A;
  io: CliIo;
  config: CliConfig;
  logger: NazLogger;
  /**
   * Sets a function called before each log line is written (a progress bar clears its line with it, so log
   * lines and the bar do not mix on one terminal line). `undefined` removes it.
   */
  setBeforeLogLine(hook: (() => void) | undefined): void;
}
