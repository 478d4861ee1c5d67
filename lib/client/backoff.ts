/** Settings of an exponential backoff. */
export interface BackoffSettings {
  initialDelayMs: number;
  maxDelayMs: number;
  /** @default 2 */
  multiplier?: number;
  /** Random share of each delay, 0..1 ("full jitter" at 1). @default 0 */
  jitter?: number;
}

/** A message's retry delays double each time (a transient SMSC error or throttle that persists backs off fast). */
export const MESSAGE_RETRY_MULTIPLIER = 2;

/**
 * Each message retry delay is shortened by up to a fifth at random, so messages that failed together (a
 * throttle burst, a restart) do not all come back in the same millisecond.
 */
export const MESSAGE_RETRY_JITTER = 0.2;

/**
 * The delay before retry number `attempt` (1-based): `initialDelayMs × multiplier^(attempt-1)`, capped at
 * `maxDelayMs`, then reduced by a random share of up to `jitter` of itself.
 *
 * @remarks
 * Jitter spreads reconnects of many clients after an SMSC restart (the thundering herd), and reconnection at
 * intervals is what SMPP 5.0 §2.8.1 recommends.
 */
export function backoffDelay(
  attempt: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const multiplier = settings.multiplier ?? 2;
  const exponent = Math.max(0, attempt - 1);
  const raw = settings.initialDelayMs * Math.pow(multiplier, Math.min(exponent, 64));
  const capped = Math.min(settings.maxDelayMs, raw);
  const jitter = Math.min(1, Math.max(0, settings.jitter ?? 0));
  return Math.round(capped * (1 - jitter * random()));
}
