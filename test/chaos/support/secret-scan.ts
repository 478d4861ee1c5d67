import { CHAOS_PASSWORD } from './chaos-env.js';

/**
 * The forms in which a leaked password could show up in captured text: as is, JSON-escaped, and as the hex
 * or base64 of its octets (a logged bind PDU buffer).
 */
export function secretForms(secret: string = CHAOS_PASSWORD): string[] {
  const octets = Buffer.from(secret, 'latin1');
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    octets.toString('hex'),
    octets.toString('hex').toUpperCase(),
    octets.toString('base64').replace(/=+$/, ''),
  ];
}

const FORMS = secretForms();

/** Whether `text` contains the chaos password in any of its {@link secretForms}. */
export function containsSecret(text: string): boolean {
  for (const form of FORMS) if (text.includes(form)) return true;
  return false;
}

/**
 * Serialises anything for a secret search: errors with name, message, stack, own properties and cause;
 * buffers as latin1 and hex; objects walked (cycles cut).
 */
export function serializeForScan(value: unknown, seen = new WeakSet<object>()): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Buffer.isBuffer(value)) return `${value.toString('latin1')} ${value.toString('hex')}`;
  if (value instanceof Error) {
    const own = Object.entries(value).map(([k, v]) => `${k}=${serializeForScan(v, seen)}`);
    const cause = value.cause === undefined ? '' : ` cause: ${serializeForScan(value.cause, seen)}`;
    return `${value.name}: ${value.message} ${value.stack ?? ''} ${own.join(' ')}${cause}`;
  }
  if (value instanceof Map) return serializeForScan(Object.fromEntries(value), seen);
  if (Array.isArray(value)) return value.map((v) => serializeForScan(v, seen)).join(' ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}=${serializeForScan(v, seen)}`)
    .join(' ');
}

/**
 * Collects every place a secret could leak to in a scenario (log lines, error messages, stats, events) and
 * checks them as they arrive, so memory stays bounded even across 100,000 log lines.
 */
export class SecretWitness {
  /** Pieces of text checked so far. */
  checked = 0;
  /** The leaking texts (at most 20 kept). */
  readonly leaks: string[] = [];

  /** Checks one value (any shape) for the password; `where` labels a leak. */
  check(where: string, value: unknown): void {
    this.checked++;
    const text = serializeForScan(value);
    if (containsSecret(text) && this.leaks.length < 20) this.leaks.push(`${where}: ${text.slice(0, 500)}`);
  }
}
