import type { SimulatorConsoleOptions } from './simulator-console-options.interface.js';

function positiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new RangeError(`http.${name} ${value} must be a positive integer.`);
  }
}

/** Checks the console options and throws a RangeError naming the first bad one. */
export function validateConsoleOptions(options: SimulatorConsoleOptions): void {
  const { port, host } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new RangeError(`http.port ${port} must be an integer 0-65535 (0 picks a free port).`);
  }
  if (host !== undefined && (typeof host !== 'string' || host.length === 0)) {
    throw new RangeError(`http.host must be a non-empty interface address, e.g. '127.0.0.1'.`);
  }
  positiveInteger('feedSize', options.feedSize);
  positiveInteger('maxClientBufferBytes', options.maxClientBufferBytes);
  const rate = options.feedRatePerSecond;
  if (rate !== undefined && (!Number.isFinite(rate) || rate <= 0)) {
    throw new RangeError(`http.feedRatePerSecond ${rate} must be a number > 0.`);
  }
}
