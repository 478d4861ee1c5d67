import { ConfigError } from '../errors/config-error.js';
import { loadQueue, QueueLoadError, type LoadedQueue } from '../queue/load-queue.js';
import type { CommandContext } from './command-context.interface.js';

/**
 * Loads the config's `queue`, turning a load failure into a ConfigError (exit code 3) that names the key.
 */
export async function loadConfiguredQueue(
  context: CommandContext,
  dryRun: boolean,
  /** Least capacity of an in-memory queue without its own `capacity` (a whole input file must fit). */
  minimumCapacity = 0,
): Promise<LoadedQueue> {
  try {
    return await loadQueue(context.config.queue, {
      configDir: context.config.dir,
      logger: context.logger,
      dryRun,
      defaultCapacity: Math.max(context.config.resolved.queueCapacity, minimumCapacity),
    });
  } catch (error) {
    if (error instanceof QueueLoadError) {
      throw new ConfigError(context.args.config, error.path, error.message, { cause: error });
    }
    throw error;
  }
}
