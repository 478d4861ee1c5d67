import { ExitCode } from '../exit-codes.js';
import { CliError } from './cli-error.js';

/** A bad command line: unknown command or flag, missing or contradictory flags. Exit code 2. */
export class UsageError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Usage, options);
  }
}
