import { ExitCode } from '../exit-codes.js';
import { CliError } from './cli-error.js';

/** The configured queue could not be reached (Redis/RabbitMQ down, wrong URL). Exit code 8. */
export class QueueUnavailableError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.QueueUnavailable, options);
  }
}
