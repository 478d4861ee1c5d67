import { cOctetStringMaxChars } from '../protocol/codec/c-octet-string-max-chars.js';
import type { SmppSessionOptions } from './smpp-session-options.interface.js';

/**
 * Largest request window. Far below the sequence-number space (§5.1.4), so requests in flight never share a
 * sequence_number, and far above any window an SMSC grants: a larger value is a typo, not a tuning.
 */
export const MAX_WINDOW_SIZE = 100_000;

/** Longest timer: setTimeout turns a longer delay into 1 ms, which would make a long timeout an instant one. */
export const MAX_TIMER_MS = 0x7fffffff;

/**
 * How one session option is checked:
 * - `integer`: an integer in `min..max`;
 * - `duration`: milliseconds, more than 0 and at most {@link MAX_TIMER_MS};
 * - `string`: a string of at most `maxLength` characters (`section` names the rule), `secret` hides its value
 *   in errors, `nonEmpty` refuses '';
 * - `enum`: one of `values`.
 */
export type SessionOptionRule =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'duration' }
  | {
      readonly kind: 'string';
      readonly maxLength?: number;
      readonly section?: string;
      readonly secret?: boolean;
      readonly nonEmpty?: boolean;
    }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

/** Options with a plain value rule (tls, logger and the callbacks are checked where they are used). */
export type RuledSessionOption = Exclude<
  keyof SmppSessionOptions,
  'tls' | 'logger' | 'inboundHandler' | 'sequenceGenerator'
>;

/** A bind parameter: its limit from the schema table, quoted with the bind PDU's section (§4.1.1). */
const bindString = (field: string, secret = false): SessionOptionRule => ({
  kind: 'string',
  maxLength: cOctetStringMaxChars('bind_transceiver', field),
  section: 'SMPP 3.4 §4.1.1',
  secret,
});
const octet: SessionOptionRule = { kind: 'integer', min: 0, max: 0xff };
const duration: SessionOptionRule = { kind: 'duration' };

/**
 * Every session option with a value rule and its default (undefined: required), in one table: the session
 * (`resolveSessionOptions`) and the client (`validateClientOptions`) both check and default from it, so adding
 * a session option is adding its field to {@link SmppSessionOptions} and a row here.
 */
export const SESSION_OPTION_RULES: {
  readonly [K in RuledSessionOption]-?: {
    readonly rule: SessionOptionRule;
    readonly default: Exclude<SmppSessionOptions[K], undefined> | undefined;
  };
} = {
  host: { rule: { kind: 'string', nonEmpty: true }, default: undefined },
  port: { rule: { kind: 'integer', min: 1, max: 65535 }, default: undefined },
  systemId: { rule: bindString('system_id'), default: undefined },
  password: { rule: bindString('password', true), default: undefined },
  systemType: { rule: bindString('system_type'), default: '' },
  bindMode: {
    rule: { kind: 'enum', values: ['transmitter', 'receiver', 'transceiver'] },
    default: 'transceiver',
  },
  interfaceVersion: { rule: octet, default: 0x34 },
  addrTon: { rule: octet, default: 0 },
  addrNpi: { rule: octet, default: 0 },
  addressRange: { rule: bindString('address_range'), default: '' },
  windowSize: { rule: { kind: 'integer', min: 1, max: MAX_WINDOW_SIZE }, default: 10 },
  windowWaitTimeoutMs: { rule: duration, default: 60_000 },
  connectTimeoutMs: { rule: duration, default: 10_000 },
  bindTimeoutMs: { rule: duration, default: 10_000 },
  responseTimeoutMs: { rule: duration, default: 30_000 },
  enquireLinkIntervalMs: { rule: duration, default: 30_000 },
  enquireLinkTimeoutMs: { rule: duration, default: 10_000 },
  unbindTimeoutMs: { rule: duration, default: 5_000 },
  // The smallest legal PDU is its 16-octet header (§3.2); command_length is a 4-octet integer.
  maxCommandLength: { rule: { kind: 'integer', min: 16, max: 0x7fffffff }, default: 70_000 },
  maxPendingInbound: { rule: { kind: 'integer', min: 1, max: Number.MAX_SAFE_INTEGER }, default: 100 },
};

/** The names of the ruled session options, in table order. */
export const RULED_SESSION_OPTIONS = Object.keys(SESSION_OPTION_RULES) as readonly RuledSessionOption[];

/** Every key of {@link SmppSessionOptions} (the ruled ones and those checked where they are used). */
export const SESSION_OPTION_KEYS: readonly (keyof SmppSessionOptions)[] = [
  ...RULED_SESSION_OPTIONS,
  'tls',
  'logger',
  'inboundHandler',
  'sequenceGenerator',
];

/** Defaults of {@link SmppSessionOptions}, read from {@link SESSION_OPTION_RULES}. */
export const SESSION_DEFAULTS: Readonly<Partial<SmppSessionOptions>> = Object.freeze(
  Object.fromEntries(
    Object.entries(SESSION_OPTION_RULES)
      .filter(([, row]) => row.default !== undefined)
      .map(([key, row]) => [key, row.default]),
  ),
);

/**
 * The ruled session options out of a larger object (the client's resolved options), so a session is built from
 * them without naming each field: a new session option reaches every client session by its row alone.
 */
export function pickSessionOptions<T extends { readonly [K in RuledSessionOption]: unknown }>(
  source: T,
): { -readonly [K in RuledSessionOption]: T[K] } {
  const picked: Record<string, unknown> = {};
  for (const key of RULED_SESSION_OPTIONS) picked[key] = source[key];
  return picked as { -readonly [K in RuledSessionOption]: T[K] };
}
