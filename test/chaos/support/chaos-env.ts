import { pollUntil } from '../../support/poll-until.js';
/**
 * Scenario durations. `CHAOS_FULL=1` (what `npm run test:chaos` sets) runs the durations: a minute of
 * random drops, a 10 s throttle storm, 100,000 hostile frames. Without it (`npm test`, CI) each scenario runs a
 * shortened form, so that every chaos file together stays around a minute on a 2-core machine.
 */
export const CHAOS_FULL = process.env.CHAOS_FULL === '1';

/** `short` in the default run, `full` under CHAOS_FULL=1. */
export function scaled<T>(short: T, full: T): T {
  return CHAOS_FULL ? full : short;
}

/** The bind password every scenario uses: distinctive, so a leak is found by a plain text search (§4.1.1: ≤ 8). */
export const CHAOS_PASSWORD = 'S3cr3t!x';
/** The system_id every scenario binds with. */
export const CHAOS_SYSTEM_ID = 'chaos';

/** Milliseconds to wait. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when `predicate` holds (polled every 10 ms); rejects naming `what` after `timeoutMs`. */
export async function until(
  predicate: () => boolean,
  timeoutMs: number,
  what: string,
  describeState?: () => unknown,
): Promise<void> {
  await pollUntil(predicate, { timeoutMs, what, describe: describeState });
}
