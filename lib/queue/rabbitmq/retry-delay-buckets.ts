/** Shortest retry queue delay: 2^8 ms. */
const MIN_EXPONENT = 8;
/** Longest: 2^22 ms ≈ 70 min; longer delays wait that long. */
const MAX_EXPONENT = 22;

/**
 * The retry queue delay for a requested delay: the next power of two (256 ms .. ~70 min).
 *
 * @remarks
 * Each retry queue has one TTL for all its messages, so they expire in arrival order (per-message TTLs in one
 * queue only expire at the head: a long delay would hold back shorter ones behind it). Powers of two bound
 * the number of queues (15) while never retrying earlier than asked, and at most twice as late.
 */
export function retryBucketMs(delayMs: number): number {
  const exponent = Math.min(MAX_EXPONENT, Math.max(MIN_EXPONENT, Math.ceil(Math.log2(Math.max(1, delayMs)))));
  return 2 ** exponent;
}
