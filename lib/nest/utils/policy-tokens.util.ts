import type { SmppClientPolicies } from '../../client/smpp-client-policies.interface.js';
import {
  NAZ_CORRELATOR,
  NAZ_HOOKS,
  NAZ_LOGGER,
  NAZ_OUTBOUND_QUEUE,
  NAZ_RATE_LIMITER,
  NAZ_REASSEMBLER,
  NAZ_THROTTLE_HANDLER,
  NAZ_BIND_BUDGET,
  NAZ_MESSAGE_LEDGER,
} from '../naz.constants.js';

/** @internal Each policy token of the module, with the engine policy it provides. */
export const POLICY_TOKENS: ReadonlyArray<readonly [symbol, keyof SmppClientPolicies]> = [
  [NAZ_OUTBOUND_QUEUE, 'queue'],
  [NAZ_RATE_LIMITER, 'rateLimiter'],
  [NAZ_THROTTLE_HANDLER, 'throttleHandler'],
  [NAZ_HOOKS, 'hooks'],
  [NAZ_CORRELATOR, 'correlator'],
  [NAZ_LOGGER, 'logger'],
  [NAZ_REASSEMBLER, 'reassembler'],
  [NAZ_BIND_BUDGET, 'bindBudget'],
  [NAZ_MESSAGE_LEDGER, 'ledger'],
];

/** @internal How errors name each policy in Nest: by its token (`NAZ_OUTBOUND_QUEUE`), which is what the user wrote. */
export const POLICY_TOKEN_NAMES: Partial<Record<keyof SmppClientPolicies, string>> = Object.fromEntries(
  // Symbol.for('nestjs-naz:NAZ_HOOKS') → 'NAZ_HOOKS', the name the user imported.
  POLICY_TOKENS.map(([token, key]) => [key, token.description?.replace(/^nestjs-naz:/, '') ?? key]),
);
