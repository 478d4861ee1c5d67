import { maskSecretsInText } from '../../logging/mask-secrets-in-text.js';

/** Keys whose values are secrets wherever they appear in a config (case-insensitive). */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|credential|private[-_]?key|^key$/i;

/**
 * Collects the string values of secret-looking keys (`password`, `tls.key`, `queue.url` user info...)
 * so they can be scrubbed from error messages and logs.
 */
export function collectSecrets(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    const secrets = SECRET_KEY.test(key) && value !== '' ? [value] : [];
    // Credentials inside URLs (redis://user:pass@host, amqp://user:pass@host).
    const userInfo = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^/@]+)@/i.exec(value);
    if (userInfo?.[1]) secrets.push(userInfo[1], decodeURIComponentSafe(userInfo[1]));
    return secrets;
  }
  if (Array.isArray(value)) return value.flatMap((item) => collectSecrets(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([childKey, item]) => collectSecrets(item, childKey));
  }
  return [];
}

/** true for a key whose value must never be printed. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Masks the config's secrets in `text` (an error message, a log line) with `***` where they stand as whole
 * tokens, plus URL credentials and `password=…` forms: the engine's `maskSecretsInText`, so a short password
 * never garbles a path or a word.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  // Longest first: a secret that contains another is masked whole.
  return maskSecretsInText(
    text,
    [...secrets].sort((a, b) => b.length - a.length),
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
