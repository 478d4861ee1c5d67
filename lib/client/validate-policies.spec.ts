import { describe, it, expect } from '@jest/globals';
import { InvalidOptionsError } from './errors/invalid-options.error.js';
import { markPoliciesValidated, validatePolicies } from './validate-policies.js';

describe('validatePolicies', () => {
  it('names the policy, the missing method and what it got', () => {
    expect(() => validatePolicies({ queue: { enqueue: () => undefined } })).toThrow(
      'policies.queue must be an OutboundQueue: receive() is missing',
    );
    expect(() => validatePolicies({ queue: 'bad' }, { queue: 'NAZ_OUTBOUND_QUEUE' })).toThrow(
      /NAZ_OUTBOUND_QUEUE must be an OutboundQueue with enqueue\(\), receive\(\), got the string "bad"/,
    );
    expect(() => validatePolicies({ quue: {} })).toThrow(InvalidOptionsError);
  });

  it('checks a policy set once: one its builder marked as checked is not walked again', () => {
    // The Nest module checks the policies under their token names, then marks the set it hands the client.
    let reads = 0;
    const queue = {
      get enqueue() {
        reads++;
        return () => Promise.resolve();
      },
      receive: () => Promise.resolve([]),
    };
    const policies = { queue };
    validatePolicies(policies, { queue: 'NAZ_OUTBOUND_QUEUE' });
    expect(reads).toBe(1);
    validatePolicies(markPoliciesValidated(policies));
    expect(reads).toBe(1);
    // An unmarked set is always checked.
    validatePolicies({ queue });
    expect(reads).toBe(2);
  });
});
