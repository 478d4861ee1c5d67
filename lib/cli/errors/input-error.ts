import { ExitCode } from '../exit-codes.js';
import { CliError } from './cli-error.js';

/**
 * A problem in a message input (CSV or JSON-lines file, stdin line, or `--to/--text` flags), naming the
 * source and line. Exit code 4.
 */
export class InputError extends CliError {
  constructor(
    /** File name, `stdin` or `arguments`. */
    readonly source: string,
    /** 1-based line number when it applies (0 or undefined: not line-based, e.g. flags). */
    readonly line: number | undefined,
    /** The rule broken, in words. */
    readonly rule: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}${line ? ` line ${line}` : ''}: ${rule}`, ExitCode.Input, options);
  }
}
