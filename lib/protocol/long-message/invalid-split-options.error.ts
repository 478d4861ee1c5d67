import { NazError } from '../../errors/naz-error.js';

/** Thrown when `splitMessage` / `splitBinary` options break a rule; names the option and the rule. */
export class InvalidSplitOptionsError extends NazError {
  override readonly name = 'InvalidSplitOptionsError';

  constructor(
    /** The offending option, e.g. `'reference'`. */
    readonly option: string,
    /** What the rule is. */
    readonly rule: string,
  ) {
    super(`Invalid split option "${option}": ${rule}`);
  }
}
