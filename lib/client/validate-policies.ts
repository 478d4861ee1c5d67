import { InvalidOptionsError } from './errors/invalid-options.error.js';
import type { SmppClientPolicies } from './smpp-client-policies.interface.js';

/** The methods one policy must have (`required`) and may have (`optional`, checked when present). */
interface PolicyShape {
  required: readonly string[];
  optional: readonly string[];
  /** What it is, for the error sentence. */
  what: string;
}

/**
 * The shape of every policy of {@link SmppClientPolicies}, from its interface. Checked by duck typing, not
 * `instanceof`: a policy may come from another copy of this package (ESM and CommonJS builds side by side) or
 * be a plain object.
 */
const POLICY_SHAPES: Readonly<Record<keyof SmppClientPolicies, PolicyShape>> = {
  queue: { required: ['enqueue', 'receive'], optional: ['size', 'health', 'close'], what: 'an OutboundQueue' },
  rateLimiter: { required: ['acquire'], optional: [], what: 'a RateLimiter' },
  throttleHandler: { required: ['onResponse', 'delayMs'], optional: [], what: 'a ThrottleHandler' },
  hooks: { required: [], optional: ['beforeRequest', 'afterResponse'], what: 'an SmppHooks object' },
  correlator: { required: ['put', 'get'], optional: ['delete', 'close'], what: 'a Correlator' },
  logger: { required: ['debug', 'info', 'warn', 'error'], optional: ['isDebugEnabled'], what: 'a NazLogger' },
  codecs: { required: ['get', 'require', 'encode', 'decode', 'canEncode'], optional: [], what: 'a TextCodecRegistry' },
  reassembler: { required: ['push', 'sweep', 'flush'], optional: [], what: 'a MessageReassembler' },
  bindBudget: { required: ['acquire'], optional: ['close'], what: 'a BindBudget' },
  ledger: { required: ['record', 'getMessage', 'findMessages', 'flush', 'stats'], optional: ['close'], what: 'a MessageLedger' },
  tracing: { required: ['startSend', 'attach'], optional: ['currentTrace'], what: 'a MessageTracing (createOtelTracing())' },
}; // prettier-ignore

/**
 * Policy sets already checked by their builder (the Nest module checks them under their DI token names, then
 * builds the client): the client's own check skips them, so each policy is checked once.
 */
const validated = new WeakSet<object>();

/**
 * @internal Marks a policy set whose every policy was checked by {@link validatePolicies} (or was built by
 * this package), so the client taking it does not check it again. Returns the same object.
 */
export function markPoliciesValidated<T extends object>(policies: T): T {
  validated.add(policies);
  return policies;
}

/** Shows the wrong value briefly: its type, or the string itself (policies are never secrets). */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Checks that each policy given to the client has the methods its interface requires, so a wrong one stops
 * the client at construction instead of throwing `TypeError: this.queue.enqueue is not a function` at the
 * first message (and a warning every second after `start()`).
 *
 * @param names - how each policy is called in the error (the Nest module passes its DI tokens, e.g.
 * `NAZ_OUTBOUND_QUEUE`); defaults to `policies.<key>`.
 * @throws InvalidOptionsError whose `path` names the policy and whose message names the missing or wrong method:
 * `policies.queue must be an OutboundQueue: enqueue is missing (got the string "bad-Type")`.
 */
export function validatePolicies(
  policies: unknown,
  names: Partial<Record<keyof SmppClientPolicies, string>> = {},
): void {
  if (policies === undefined || (typeof policies === 'object' && validated.has(policies as object))) return;
  if (typeof policies !== 'object' || policies === null || Array.isArray(policies)) {
    throw new InvalidOptionsError(
      'policies',
      'type',
      `policies must be an object ({ queue?, rateLimiter?, ... }), got ${describeValue(policies)}`,
    );
  }
  const given = policies as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (given[key] === undefined) continue;
    if (!Object.hasOwn(POLICY_SHAPES, key)) {
      throw new InvalidOptionsError(
        `policies.${key}`,
        'unknown-key',
        `unknown policy ${key}; the policies are ${Object.keys(POLICY_SHAPES).join(', ')}`,
      );
    }
    const policyKey = key as keyof SmppClientPolicies;
    checkPolicy(names[policyKey] ?? `policies.${key}`, given[key], POLICY_SHAPES[policyKey]);
  }
}

function checkPolicy(name: string, value: unknown, shape: PolicyShape): void {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
    const first = shape.required[0];
    throw new InvalidOptionsError(
      name,
      'policy-shape',
      `${name} must be ${shape.what}${first ? ` with ${shape.required.join('(), ')}()` : ''}, got ${describeValue(value)}`,
    );
  }
  const policy = value as Record<string, unknown>;
  for (const method of shape.required) {
    const member = policy[method];
    if (typeof member !== 'function') {
      throw new InvalidOptionsError(
        `${name}.${method}`,
        'policy-shape',
        `${name} must be ${shape.what}: ${method}() is ${member === undefined ? 'missing' : `not a function (got ${describeValue(member)})`}`,
      );
    }
  }
  for (const method of shape.optional) {
    const member = policy[method];
    if (member !== undefined && typeof member !== 'function') {
      throw new InvalidOptionsError(
        `${name}.${method}`,
        'policy-shape',
        `${name}.${method} must be a function when set, got ${describeValue(member)}`,
      );
    }
  }
}
