import { UsageError } from '../errors/usage-error.js';

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads a duration flag: `500ms`, `30s`, `2m`, `1h`; a bare number means seconds.
 *
 * @throws UsageError naming the flag when the text is not a duration.
 */
export function parseDuration(flag: string, text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) {
    throw new UsageError(`--${flag} must be a duration such as 500ms, 30s or 2m, got "${text}"`);
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!);
}
