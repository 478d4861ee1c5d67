/**
 * Unmeasured messages a child sends on the measured client before its meter starts: a tenth of the run, 1,000 to
 * 20,000.
 */
export function warmupMessages(messages: number): number {
  return Math.min(20_000, Math.max(1000, Math.round(messages / 10)));
}
