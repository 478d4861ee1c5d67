import { ExitCode } from '../exit-codes.js';
import { CliError } from './cli-error.js';

/**
 * A configuration problem, naming the file, the key path and the rule broken. Exit code 3.
 *
 * @example
 * `client.json: rateLimit.perSecond must be > 0, got 0`
 */
export class ConfigError extends CliError {
  constructor(
    /** The config file it came from. */
    readonly file: string,
    /** Dotted path of the offending key (`rateLimit.perSecond`), or '' for the whole file. */
    readonly path: string,
    /** The rule broken, in words. */
    readonly rule: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${rule}`, ExitCode.Config, options);
  }
}
