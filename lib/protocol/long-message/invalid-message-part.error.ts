import { NazError } from '../../errors/naz-error.js';

/** Thrown by `Reassembler.push` for a part whose concatenation info breaks TS 23.040 §9.2.3.24.1. */
export class InvalidMessagePartError extends NazError {
  override readonly name = 'InvalidMessagePartError';

  constructor(
    /** The offending field, e.g. `'concat.seq'`. */
    readonly field: string,
    /** What the rule is. */
    readonly rule: string,
  ) {
    super(`Invalid message part: ${field} ${rule}`);
  }
}
