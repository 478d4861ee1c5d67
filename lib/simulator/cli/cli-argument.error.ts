/** A command-line value the simulator cannot use; the message names the flag and what it accepts. */
export class CliArgumentError extends Error {
  override name = 'CliArgumentError';
}
