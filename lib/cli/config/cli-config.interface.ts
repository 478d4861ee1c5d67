import type { ResolvedSmppClientOptions } from '../../client/resolved-smpp-client-options.interface.js';
import type { SmppClientOptions } from '../../client/smpp-client-options.interface.js';
import type { QueueConfig } from '../queue/queue-config.interface.js';

/** Keys of a naz-cli config file that are the CLI's own (everything else is an `SmppClientOptions` key). */
export const CLI_ONLY_KEYS = ['queue'] as const;

/** A loaded, environment-substituted and validated naz-cli config. */
export interface CliConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Its folder: module paths in it are resolved from here. */
  dir: string;
  /** The client options as written (after `${ENV}` substitution), ready for `new SmppClient()`. */
  client: SmppClientOptions;
  /** The same, checked and with every default filled in by the engine's `validateClientOptions`. */
  resolved: ResolvedSmppClientOptions;
  /** Which queue `run` consumes. */
  queue: QueueConfig;
  /** Secret values found in the config (passwords...), scrubbed from anything the CLI prints. */
  secrets: string[];
}
