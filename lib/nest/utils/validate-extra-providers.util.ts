import type { Provider } from '@nestjs/common';
import { validatePolicies } from '../../client/validate-policies.js';
import { POLICY_TOKEN_NAMES, POLICY_TOKENS } from './policy-tokens.util.js';

/**
 * @internal Checks, as `forRoot()` / `forRootAsync()` is called, every policy given as a value provider in
 * `extraProviders` (`{ provide: NAZ_OUTBOUND_QUEUE, useValue: queue }`): a wrong shape stops the app before it
 * is built, naming the token and the missing method. Class and factory providers are checked when the client
 * is created from them, still at start-up.
 *
 * @throws InvalidOptionsError
 * @returns the providers, unchanged.
 */
export function validateExtraProviders(providers: readonly Provider[]): Provider[] {
  for (const provider of providers) {
    if (typeof provider !== 'object' || provider === null || !('useValue' in provider)) continue;
    const policy = POLICY_TOKENS.find(([token]) => token === provider.provide)?.[1];
    if (policy === undefined) continue;
    // NAZ_MESSAGE_LEDGER bound to null turns the (default) ledger off.
    if (policy === 'ledger' && provider.useValue === null) continue;
    validatePolicies({ [policy]: provider.useValue }, POLICY_TOKEN_NAMES);
  }
  return [...providers];
}
