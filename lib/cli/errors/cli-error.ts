import type { ExitCodeValue } from '../exit-codes.js';

/**
 * An error the CLI reports as one clear line and turns into an exit code, without a stack trace.
 *
 * @remarks
 * Subclasses say which part of the input was wrong; `exitCode` is what the process ends with.
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** The process exit code this error ends the CLI with. */
    readonly exitCode: ExitCodeValue,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
