import { maskSecretsInText } from './mask-secrets-in-text.js';
import { REDACTED } from './redaction.constants.js';

/**
 * Field names whose values never reach a log line, an error message or an event (compared lower-case, with
 * `_` and `-` removed, so `client_secret`, `apiKey` and `Api-Key` all match).
 */
export const SECRET_KEY_NAMES: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'apikey',
  'authorization',
  'passphrase',
  'privatekey',
  // tls.key: a PEM private key.
  'key',
]);

export { REDACTED } from './redaction.constants.js';

/** Options of {@link redactSecrets}. */
export interface RedactOptions {
  /**
   * Secret values to mask inside strings (error messages quoting a config, say), where they stand as a whole
   * token: a short password never garbles ordinary words (see `maskSecretsInText`).
   */
  secretValues?: readonly string[];
  /** Deepest level walked; deeper values become `'[depth]'`. @default 6 */
  maxDepth?: number;
}

function isSecretKey(key: string): boolean {
  return SECRET_KEY_NAMES.has(key.toLowerCase().replace(/[_-]/g, ''));
}

function walk(
  value: unknown,
  secretValues: readonly string[],
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (typeof value === 'string') return maskSecretsInText(value, secretValues);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth <= 0) return '[depth]';
  seen.add(value);
  try {
    if (Buffer.isBuffer(value)) {
      // Octets are logged as hex, truncated: a 64K message_payload must not flood the log.
      const hex = value.subarray(0, 64).toString('hex');
      return value.length > 64 ? `${hex}…(${value.length} octets)` : hex;
    }
    if (value instanceof Error) {
      const out: Record<string, unknown> = {
        name: value.name,
        message: walk(value.message, secretValues, 1, seen),
      };
      for (const [k, v] of Object.entries(value)) {
        if (k === 'name' || k === 'message') continue;
        out[k] = isSecretKey(k) ? REDACTED : walk(v, secretValues, depth - 1, seen);
      }
      if (value.cause !== undefined) out.cause = walk(value.cause, secretValues, depth - 1, seen);
      return out;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, secretValues, depth - 1, seen));
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Map) return walk(Object.fromEntries(value), secretValues, depth, seen);
    if (value instanceof Set) return walk([...value], secretValues, depth, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'function') continue;
      out[k] = isSecretKey(k) && v !== undefined ? REDACTED : walk(v, secretValues, depth - 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Returns a copy of `fields` safe to log: secret keys (any depth) become `'***'`, strings go through
 * `maskSecretsInText` (URL credentials, `password=…`, known secret values as whole tokens), Errors become plain `{ name, message, ...fields }` objects, Buffers become (truncated) hex.
 *
 * @remarks
 * Used by the client on every log entry, on options it logs and on errors it reports, so a password never
 * reaches a logger, a user's custom one included.
 *
 * @example
 * ```ts
 * redactSecrets({ host: 'smsc', password: 'hunter22' }); // { host: 'smsc', password: '***' }
 * ```
 */
export function redactSecrets(
  fields: Record<string, unknown>,
  options: RedactOptions = {},
): Record<string, unknown> {
  const result = walk(fields, options.secretValues ?? [], (options.maxDepth ?? 6) + 1, new WeakSet());
  return result !== null && typeof result === 'object' && !Array.isArray(result)
    ? (result as Record<string, unknown>)
    : {};
}
