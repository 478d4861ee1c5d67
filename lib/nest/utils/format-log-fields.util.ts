/** A bare word in a `key=value` pair: no quoting needed. */
const BARE_VALUE = /^[\w.,:/@+#*-]+$/;

/**
 * Renders log fields as ` key=value` pairs (logfmt style) for loggers that only print text on one line:
 * `port=2775 systemId=acme reason="connection reset"`.
 *
 * @remarks
 * Strings that are one word stay bare, others are JSON-quoted; numbers, booleans and null are bare; objects and
 * arrays are compact JSON. `undefined` fields are left out. Redact the fields first (`redactSecrets`): this
 * function prints what it is given. Ten lines of code, so no logfmt dependency.
 */
/** @internal */
export function formatLogFields(fields: Record<string, unknown>): string {
  let out = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out += ` ${key}=${formatValue(value)}`;
  }
  return out;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return BARE_VALUE.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // A cycle the redaction depth did not cut: say so instead of throwing from a log call.
    return '"[unserializable]"';
  }
}
