import { CommandStatus } from '../protocol/command-status.js';
import { normalizeMessageId } from '../protocol/receipt/normalize-message-id.js';
import { InvalidOptionsError } from './errors/invalid-options.error.js';
import type { LongMessageMethod } from '../message/outbound-message.interface.js';
import { MAX_ALPHANUMERIC_SENDER } from './validate-outbound-message.js';
import type { ResolvedSmppClientOptions } from './resolved-smpp-client-options.interface.js';
import type { SmppClientOptions, SmppTlsOptions } from './smpp-client-options.interface.js';
import { cOctetStringMaxChars } from '../protocol/codec/c-octet-string-max-chars.js';
import {
  MAX_TIMER_MS,
  RULED_SESSION_OPTIONS,
  SESSION_OPTION_RULES,
  type RuledSessionOption,
  type SessionOptionRule,
} from '../session/session-option-rules.js';
import type { ResolvedSmppSessionOptions } from '../session/smpp-session-options.interface.js';

type Obj = Record<string, unknown>;

/** Client options that are not session options (those come from `SESSION_OPTION_RULES`). */
const CLIENT_KEYS = [
  'name', 'tls', 'sessions', 'reconnect', 'rateLimit', 'throttle', 'retry', 'drainTimeoutMs', 'queueCapacity',
  'spillFile', 'defaults', 'correlation', 'reassembly', 'inboundErrorStatus', 'congestionControl', 'logMetadata',
  'logLevel',
] as const; // prettier-ignore

const TOP_KEYS: readonly string[] = [...RULED_SESSION_OPTIONS, ...CLIENT_KEYS];

/** source_addr and service_type limits of submit_sm, from the schema table. */
const MAX_SOURCE_ADDR = cOctetStringMaxChars('submit_sm', 'source_addr');
const MAX_SERVICE_TYPE = cOctetStringMaxChars('submit_sm', 'service_type');

const GROUP_KEYS: Record<string, readonly string[]> = {
  tls: ['ca', 'cert', 'key', 'servername', 'rejectUnauthorized'],
  reconnect: ['initialDelayMs', 'maxDelayMs', 'multiplier', 'jitter', 'maxAttempts'],
  rateLimit: ['perSecond', 'burst'],
  throttle: ['samplingPeriodMs', 'sampleSize', 'denyAtPercent', 'delayMs'],
  retry: ['maxAttempts', 'maxThrottledAttempts', 'initialDelayMs', 'maxDelayMs', 'transientStatuses'],
  defaults: [
    'from', 'sourceAddrTon', 'sourceAddrNpi', 'destAddrTon', 'destAddrNpi', 'serviceType', 'registeredDelivery',
    'longMessage', 'maxParts',
  ], // prettier-ignore
  correlation: [
    'ttlMs', 'maxEntries', 'normalizeMessageId', 'keepAfterFinalReceipt', 'earlyReceiptHoldMs', 'maxEarlyReceipts',
  ], // prettier-ignore
  reassembly: ['timeoutMs', 'maxPendingSets'],
};

const LONG_METHODS: readonly LongMessageMethod[] = ['udh8', 'udh16', 'sar', 'payload'];
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Shows a value in an error message, short and never a secret. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** Levenshtein distance, for "did you mean" on unknown keys. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/**
 * Keys that belong to another layer, with where they go instead: a naz-cli config file reused as client options
 * (`NazModule.forRoot(config)`) should say what to do with its `queue`, not just call it unknown.
 */
const KEYS_ELSEWHERE: Readonly<Record<string, string>> = {
  queue:
    "queue is a naz-cli setting; in code, pass the queue to the SmppClient constructor's policies " +
    '(`queue`), or in Nest provide NAZ_OUTBOUND_QUEUE in extraProviders (README → Durable queues)',
};

function checkKeys(obj: Obj, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key) || obj[key] === undefined) continue;
    const path = prefix + key;
    // hasOwn: a key such as `__proto__` or `constructor` must not find Object.prototype's members.
    const elsewhere = prefix === '' && Object.hasOwn(KEYS_ELSEWHERE, key) ? KEYS_ELSEWHERE[key] : undefined;
    if (elsewhere !== undefined) {
      throw new InvalidOptionsError(path, 'unknown-key', `unknown option ${path}: ${elsewhere}`);
    }
    const best = [...allowed].sort((a, b) => distance(key, a) - distance(key, b))[0];
    const hint = best !== undefined && distance(key, best) <= Math.max(2, Math.floor(best.length / 3));
    throw new InvalidOptionsError(
      path,
      'unknown-key',
      `unknown option ${path}` +
        (hint ? `; did you mean ${prefix}${best}?` : `; known options here: ${allowed.join(', ')}`),
    );
  }
}

/** Reads and checks the fields of one options object, building error messages with the full path. */
class Reader {
  constructor(
    private readonly obj: Obj,
    private readonly prefix: string,
  ) {}

  private path(key: string): string {
    return this.prefix + key;
  }

  private fail(key: string, rule: string, text: string): never {
    throw new InvalidOptionsError(this.path(key), rule, `${this.path(key)} ${text}`);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  string(key: string, def: string | undefined, maxLength?: number, rule?: string): string {
    const v = this.obj[key];
    if (v === undefined) {
      if (def === undefined) this.fail(key, 'required', 'is required');
      return def;
    }
    if (typeof v !== 'string') this.fail(key, 'type', `must be a string, got ${show(v)}`);
    if (maxLength !== undefined && v.length > maxLength) {
      this.fail(
        key,
        'max-length',
        `must be at most ${maxLength} characters${rule ? ` (${rule})` : ''}, got ${v.length}`,
      );
    }
    return v;
  }

  /** A secret string: the error messages never show its value. */
  secret(key: string, maxLength: number, rule: string): string {
    const v = this.obj[key];
    if (v === undefined) this.fail(key, 'required', 'is required');
    if (typeof v !== 'string') this.fail(key, 'type', 'must be a string');
    if (v.length > maxLength)
      this.fail(key, 'max-length', `must be at most ${maxLength} characters (${rule})`);
    return v;
  }

  number(
    key: string,
    def: number | undefined,
    check: { min?: number; gt?: number; max?: number; integer?: boolean },
  ): number {
    const v = this.obj[key];
    if (v === undefined) {
      if (def === undefined) this.fail(key, 'required', 'is required');
      return def;
    }
    const kind = check.integer ? 'an integer' : 'a number';
    if (typeof v !== 'number' || Number.isNaN(v)) this.fail(key, 'type', `must be ${kind}, got ${show(v)}`);
    if (check.integer && !Number.isInteger(v) && v !== Infinity)
      this.fail(key, 'integer', `must be an integer, got ${v}`);
    if (check.gt !== undefined && !(v > check.gt)) this.fail(key, 'range', `must be > ${check.gt}, got ${v}`);
    if (check.min !== undefined && v < check.min)
      this.fail(key, 'range', `must be ${kind} ≥ ${check.min}, got ${v}`);
    if (check.max !== undefined && v > check.max)
      this.fail(key, 'range', `must be ${kind} ≤ ${check.max}, got ${v}`);
    return v;
  }

  /** A finite integer. */
  int(key: string, def: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.number(key, def, { integer: true, min, max });
    return v;
  }

  /** A duration in milliseconds (finite, > 0 unless `allowZero`, at most `max`). */
  ms(key: string, def: number | undefined, allowZero = false, max?: number): number {
    const v = this.number(key, def, allowZero ? { min: 0, max } : { gt: 0, max });
    if (!Number.isFinite(v)) this.fail(key, 'finite', `must be a finite number of milliseconds, got ${v}`);
    return v;
  }

  boolean(key: string, def: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined) return def;
    if (typeof v !== 'boolean') this.fail(key, 'type', `must be true or false, got ${show(v)}`);
    return v;
  }

  oneOf<T extends string>(key: string, def: T, values: readonly T[]): T {
    const v = this.obj[key];
    if (v === undefined) return def;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.fail(key, 'enum', `must be one of ${values.map((x) => `'${x}'`).join(', ')}, got ${show(v)}`);
    }
    return v as T;
  }

  group(key: string): Reader {
    const v = this.obj[key];
    if (v === undefined) return new Reader({}, `${this.path(key)}.`);
    if (!isObject(v)) this.fail(key, 'type', `must be an object, got ${show(v)}`);
    checkKeys(v, GROUP_KEYS[key] ?? [], `${this.path(key)}.`);
    return new Reader(v, `${this.path(key)}.`);
  }
}

function resolveTls(r: Reader): false | SmppTlsOptions {
  const v = r.raw('tls');
  if (v === undefined || v === false) return false;
  if (v === true) return {};
  const t = r.group('tls');
  const out: SmppTlsOptions = { rejectUnauthorized: t.boolean('rejectUnauthorized', true) };
  for (const key of ['ca', 'cert', 'key'] as const) {
    const x = t.raw(key);
    if (x === undefined) continue;
    const ok = (y: unknown) => typeof y === 'string' || Buffer.isBuffer(y);
    if (!(ok(x) || (key === 'ca' && Array.isArray(x) && x.every(ok)))) {
      throw new InvalidOptionsError(`tls.${key}`, 'type', `tls.${key} must be a PEM string or a Buffer`);
    }
    (out as Obj)[key] = x;
  }
  if (t.has('servername')) out.servername = t.string('servername', undefined);
  return out;
}

function resolveTransientStatuses(r: Reader): { names: string[]; codes: Set<number> } {
  const v = r.raw('transientStatuses');
  const names = v === undefined ? ['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR'] : v;
  if (!Array.isArray(names)) {
    throw new InvalidOptionsError(
      'retry.transientStatuses',
      'type',
      'retry.transientStatuses must be an array of status names',
    );
  }
  const table = CommandStatus as Readonly<Record<string, number>>;
  const codes = new Set<number>();
  for (const [i, name] of names.entries()) {
    const path = `retry.transientStatuses[${i}]`;
    if (typeof name === 'string' && name in table) {
      codes.add(table[name]);
    } else if (typeof name === 'string' && /^0x[0-9a-f]{1,8}$/i.test(name)) {
      // Vendor-specific codes (0x400-0x4FF) have no name: allow them in hex.
      codes.add(Number.parseInt(name, 16));
    } else {
      throw new InvalidOptionsError(
        path,
        'status-name',
        `${path} must be a command_status name such as 'ESME_RTHROTTLED' (SMPP 3.4 Table 5-2) or a hex code such as '0x00000400', got ${show(name)}`,
      );
    }
  }
  return { names: names as string[], codes };
}

/** The session options, checked and defaulted from `SESSION_OPTION_RULES` (the table the session reads). */
type SessionPart = Omit<
  ResolvedSmppSessionOptions,
  'tls' | 'logger' | 'inboundHandler' | 'sequenceGenerator'
>;

function resolveSessionPart(r: Reader): SessionPart {
  const part: Record<string, unknown> = {};
  for (const key of RULED_SESSION_OPTIONS) {
    const { rule, default: def } = SESSION_OPTION_RULES[key];
    part[key] = readRuled(r, key, rule, def);
  }
  return part as SessionPart;
}

function readRuled(r: Reader, key: RuledSessionOption, rule: SessionOptionRule, def: unknown): unknown {
  switch (rule.kind) {
    case 'integer':
      return r.int(key, def as number | undefined, rule.min, rule.max);
    case 'duration':
      return r.ms(key, def as number | undefined, false, MAX_TIMER_MS);
    case 'enum':
      return r.oneOf(key, def as string, rule.values);
    case 'string': {
      if (rule.secret === true) return r.secret(key, rule.maxLength ?? Infinity, rule.section ?? 'SMPP 3.4');
      const value = r.string(key, def as string | undefined, rule.maxLength, rule.section);
      if (rule.nonEmpty === true && value.trim() === '') {
        throw new InvalidOptionsError(key, 'required', `${key} is required (got an empty string)`);
      }
      return value;
    }
  }
}

/** Every object `validateClientOptions` returned: passed again, it is taken as it is (validated once). */
const resolvedOptions = new WeakSet<object>();

/**
 * The options resolved: those from {@link validateClientOptions} as they are, anything else validated now. The
 * Nest module validates while the app starts and hands the result to the client, which so does not check twice.
 *
 * @throws InvalidOptionsError
 */
export function resolveClientOptions(
  options: SmppClientOptions | ResolvedSmppClientOptions,
): ResolvedSmppClientOptions {
  if (resolvedOptions.has(options)) return options as ResolvedSmppClientOptions;
  return validateClientOptions(options);
}

/**
 * Checks client options and fills in every default.
 *
 * @remarks
 * Fails fast, before any connection, with an `InvalidOptionsError` naming the option path and the rule:
 * `rateLimit.perSecond must be > 0, got 0`, `windowSize must be an integer ≥ 1, got 0`,
 * `password must be at most 8 characters (SMPP 3.4 §4.1.1)` (a secret's value is never shown),
 * `unknown option windowsize; did you mean windowSize?` (typo protection).
 *
 * @throws InvalidOptionsError
 */
export function validateClientOptions(options: unknown): ResolvedSmppClientOptions {
  if (!isObject(options)) {
    throw new InvalidOptionsError('', 'type', `client options must be an object, got ${show(options)}`);
  }
  checkKeys(options, TOP_KEYS, '');
  const r = new Reader(options, '');

  const session = resolveSessionPart(r);

  const reconnect = r.group('reconnect');
  const initialDelayMs = reconnect.ms('initialDelayMs', 500, true);
  const rateLimit = r.group('rateLimit');
  const throttle = r.group('throttle');
  const retry = r.group('retry');
  const defaults = r.group('defaults');
  const correlation = r.group('correlation');
  const reassembly = r.group('reassembly');

  const resolved: ResolvedSmppClientOptions = {
    name: r.string('name', 'default'),
    ...session,
    tls: resolveTls(r),
    sessions: r.int('sessions', 1, 1, 64),
    reconnect: {
      initialDelayMs,
      maxDelayMs: reconnect.number('maxDelayMs', Math.max(30_000, initialDelayMs), { min: initialDelayMs }),
      multiplier: reconnect.number('multiplier', 2, { min: 1 }),
      jitter: reconnect.number('jitter', 0.2, { min: 0, max: 1 }),
      maxAttempts: reconnect.number('maxAttempts', Infinity, { integer: true, min: 1 }),
    },
    rateLimit: undefined,
    throttle: {
      samplingPeriodMs: throttle.ms('samplingPeriodMs', 10_000),
      sampleSize: throttle.int('sampleSize', 20, 1),
      denyAtPercent: throttle.number('denyAtPercent', 1, { gt: 0, max: 100 }),
      delayMs: throttle.ms('delayMs', 1000, true),
    },
    retry: {
      maxAttempts: retry.int('maxAttempts', 5, 1),
      maxThrottledAttempts: retry.int('maxThrottledAttempts', 100, 1),
      initialDelayMs: retry.ms('initialDelayMs', 1000, true),
      maxDelayMs: 0,
      transientStatuses: [],
      transientStatusCodes: new Set(),
    },
    drainTimeoutMs: r.ms('drainTimeoutMs', 10_000, true),
    queueCapacity: r.int('queueCapacity', 100_000, 1),
    spillFile: undefined,
    defaults: {
      from: defaults.string('from', '', MAX_SOURCE_ADDR, 'SMPP 3.4 §5.2.8'),
      sourceAddrTon: defaults.int('sourceAddrTon', 0, 0, 0xff),
      sourceAddrNpi: defaults.int('sourceAddrNpi', 0, 0, 0xff),
      destAddrTon: defaults.int('destAddrTon', 1, 0, 0xff),
      destAddrNpi: defaults.int('destAddrNpi', 1, 0, 0xff),
      serviceType: defaults.string('serviceType', '', MAX_SERVICE_TYPE, 'SMPP 3.4 §5.2.11'),
      registeredDelivery: 1,
      longMessage: defaults.oneOf('longMessage', 'udh8', LONG_METHODS),
      // The UDH and SAR total-segments fields are one octet (§5.3.2.23).
      maxParts: defaults.int('maxParts', 10, 1, 255),
    },
    correlation: {
      ttlMs: correlation.ms('ttlMs', 86_400_000),
      maxEntries: correlation.int('maxEntries', 1_000_000, 1),
      normalizeMessageId: (id: string) => normalizeMessageId(id),
      keepAfterFinalReceipt: correlation.boolean('keepAfterFinalReceipt', false),
      earlyReceiptHoldMs: 0, // set below: its default is the response timeout
      maxEarlyReceipts: correlation.int('maxEarlyReceipts', 10_000, 1),
    },
    reassembly: {
      timeoutMs: reassembly.ms('timeoutMs', 300_000),
      maxPendingSets: reassembly.int('maxPendingSets', 10_000, 1),
    },
    inboundErrorStatus: r.int('inboundErrorStatus', 0x64, 0, 0xffffffff),
    congestionControl: r.boolean('congestionControl', false),
    logMetadata: {},
    logLevel: r.oneOf('logLevel', 'info', LOG_LEVELS),
  };

  resolved.retry.maxDelayMs = retry.number('maxDelayMs', Math.max(60_000, resolved.retry.initialDelayMs), {
    min: resolved.retry.initialDelayMs,
  });
  // A submit_sm_resp comes within responseTimeoutMs of its submit_sm, and any receipt after the submit_sm:
  // holding an early receipt that long covers every response the client still accepts.
  resolved.correlation.earlyReceiptHoldMs = correlation.ms(
    'earlyReceiptHoldMs',
    resolved.responseTimeoutMs,
    true,
  );
  const transient = resolveTransientStatuses(retry);
  resolved.retry.transientStatuses = transient.names;
  resolved.retry.transientStatusCodes = transient.codes;

  if (r.has('rateLimit')) {
    const perSecond = rateLimit.number('perSecond', undefined, { gt: 0 });
    if (!Number.isFinite(perSecond)) {
      throw new InvalidOptionsError(
        'rateLimit.perSecond',
        'finite',
        'rateLimit.perSecond must be finite; omit rateLimit for no limit',
      );
    }
    resolved.rateLimit = { perSecond, burst: rateLimit.number('burst', Math.max(1, perSecond), { min: 1 }) };
  }

  if (r.has('spillFile')) {
    const spillFile = r.string('spillFile', undefined);
    if (spillFile.trim() === '') {
      throw new InvalidOptionsError(
        'spillFile',
        'required',
        'spillFile must be a file path, got an empty string',
      );
    }
    resolved.spillFile = spillFile;
  }

  const { from, sourceAddrTon } = resolved.defaults;
  if (sourceAddrTon === 5 && from.length > MAX_ALPHANUMERIC_SENDER) {
    throw new InvalidOptionsError(
      'defaults.from',
      'alphanumeric-max-length',
      `defaults.from ${show(from)} is ${from.length} characters; an alphanumeric sender (defaults.sourceAddrTon 5) ` +
        `allows at most ${MAX_ALPHANUMERIC_SENDER} (GSM 03.40 §9.1.2.5)`,
    );
  }

  const rd = defaults.raw('registeredDelivery');
  if (rd === undefined || rd === true) resolved.defaults.registeredDelivery = 1;
  else if (rd === false) resolved.defaults.registeredDelivery = 0;
  else resolved.defaults.registeredDelivery = defaults.int('registeredDelivery', 1, 0, 0xff);

  const normalize = correlation.raw('normalizeMessageId');
  if (normalize !== undefined) {
    if (typeof normalize !== 'function') {
      throw new InvalidOptionsError(
        'correlation.normalizeMessageId',
        'type',
        'correlation.normalizeMessageId must be a function (id: string) => string',
      );
    }
    resolved.correlation.normalizeMessageId = normalize as (id: string) => string;
  }

  const meta = r.raw('logMetadata');
  if (meta !== undefined) {
    if (!isObject(meta))
      throw new InvalidOptionsError(
        'logMetadata',
        'type',
        `logMetadata must be an object, got ${show(meta)}`,
      );
    resolved.logMetadata = meta;
  }

  // The resolved options are public (`client.options`) and end up in debug logs, error reports and
  // `JSON.stringify` calls we do not control: a non-enumerable password is skipped by all of them, yet
  // `options.password` still reads it for the bind.
  Object.defineProperty(resolved, 'password', { enumerable: false });
  resolvedOptions.add(resolved);
  return resolved;
}
