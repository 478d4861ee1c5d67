import type { DelaySpec } from '../simulator-options.interface.js';

/** Checks a delay option and names it in the error. */
export function validateDelay(name: string, delay: DelaySpec | undefined): void {
  if (delay === undefined) return;
  if (typeof delay === 'number') {
    if (!Number.isFinite(delay) || delay < 0)
      throw new RangeError(`${name} ${delay} must be a finite number >= 0 (ms).`);
    return;
  }
  const { min, max } = delay;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) {
    throw new RangeError(`${name} { min: ${min}, max: ${max} } needs 0 <= min <= max (ms).`);
  }
}

/** Draws one delay in ms from a spec (uniform between min and max). */
export function drawDelay(delay: DelaySpec | undefined): number {
  if (delay === undefined) return 0;
  if (typeof delay === 'number') return delay;
  return delay.min + Math.random() * (delay.max - delay.min);
}
