import { ExitCode } from '../exit-codes.js';
import { CliError } from './cli-error.js';

/** The client could not connect or bind within the allowed time. Exit code 5. */
export class BindFailureError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Bind, options);
  }
}
