/** Options of {@link pollUntil}. */
export interface PollUntilOptions {
  /** Fail after this long. @default 5000 */
  timeoutMs?: number;
  /** What is awaited, for the failure message (`timed out after 5000 ms waiting for 3 receipts`). */
  what?: string;
  /** Pause between checks. @default 10 */
  intervalMs?: number;
  /** State worth seeing when it times out, added to the message as JSON. */
  describe?: () => unknown;
}

/**
 * Resolves once `condition` holds, checking it every `intervalMs`; rejects naming `what` after `timeoutMs`.
 * The one poll-until of the test suites: wait for a condition, never a fixed sleep, so a loaded machine is
 * slower but not flaky. The suites' own `until`/`waitFor` helpers keep their call shapes and call this.
 */
export async function pollUntil(
  condition: () => boolean | Promise<boolean>,
  options: PollUntilOptions = {},
): Promise<void> {
  const { timeoutMs = 5000, what = 'the condition', intervalMs = 10, describe } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const state = describe ? `; state: ${JSON.stringify(describe())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
