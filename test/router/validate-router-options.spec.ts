import { describe, it, expect } from '@jest/globals';
import { InvalidRouteError } from '../../lib/router/errors/invalid-route.error.js';
import { validateRouterOptions } from '../../lib/router/validate-router-options.js';
import type { RouterOptions } from '../../lib/router/router-options.interface.js';

function errorOf(options: RouterOptions, known?: string[]): InvalidRouteError {
  try {
    validateRouterOptions(options, known);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRouteError);
    return error as InvalidRouteError;
  }
  throw new Error('expected an InvalidRouteError');
}

describe('router options validation', () => {
  it('names an unknown client, its route and the clients that exist', () => {
    const error = errorOf({ routes: [{ prefix: '44', clients: ['uk', 'intl'] }] }, ['uk', 'us']);
    expect(error.rule).toBe('unknown-client');
    expect(error.route).toBe('44');
    expect(error.path).toBe('routes[0].clients[1]');
    expect(error.message).toBe(
      `route "44" (routes[0]): client "intl" is not registered (clients found: uk, us). Register it with NazModule.forRoot({ name: 'intl', ... })`,
    );
  });

  it('checks the fallback’s clients too', () => {
    const error = errorOf({ routes: [], fallback: ['ghost'] }, ['uk']);
    expect(error.rule).toBe('unknown-client');
    expect(error.route).toBe('fallback');
    expect(error.path).toBe('fallback[0]');
  });

  it('rejects the same prefix twice (with the same sender and tag), naming both routes', () => {
    const error = errorOf({
      routes: [
        { name: 'uk-a', prefix: '44', clients: ['a'] },
        { prefix: '1', clients: ['b'] },
        { name: 'uk-b', prefix: '+44', clients: ['b'] },
      ],
    });
    expect(error.rule).toBe('duplicate-prefix');
    expect(error.route).toBe('uk-b');
    expect(error.message).toContain('route "uk-b" (routes[2]) has prefix "44" like route "uk-a" (routes[0])');
  });

  it('accepts one prefix with different senders or tags', () => {
    const resolved = validateRouterOptions({
      routes: [
        { prefix: '44', clients: ['a'] },
        { prefix: '44', tag: 'otp', clients: ['b'] },
        { prefix: '44', from: 'ACME', clients: ['b'] },
      ],
    });
    expect(resolved.routes.map((r) => r.name)).toEqual(['44', '44|tag=otp', '44|from=ACME']);
  });

  it('rejects an empty route and an empty fallback', () => {
    const empty = errorOf({ routes: [{ name: 'uk', prefix: '44', clients: [] }] });
    expect(empty.rule).toBe('empty-route');
    expect(empty.route).toBe('uk');
    expect(empty.message).toBe(
      'route "uk" (routes[0]) has no clients: list at least one client name, e.g. clients: ["primary", "backup"]',
    );
    expect(errorOf({ routes: [], fallback: [] }).rule).toBe('empty-route');
  });

  it('rejects a router with neither routes nor fallback', () => {
    expect(errorOf({ routes: [] }).rule).toBe('no-routes');
  });

  it('rejects a prefix that is not digits, a negative weight, a client listed twice', () => {
    expect(errorOf({ routes: [{ prefix: '44a', clients: ['a'] }] }).rule).toBe('prefix-digits');
    const weight = errorOf({ routes: [{ prefix: '44', clients: [{ client: 'a', weight: -1 }] }] });
    expect(weight.rule).toBe('non-negative');
    expect(weight.path).toBe('routes[0].clients[0].weight');
    expect(errorOf({ routes: [{ prefix: '44', clients: ['a', 'a'] }] }).rule).toBe('duplicate-client');
  });

  it('rejects an unknown status name and an unknown option, suggesting the right spelling', () => {
    const status = errorOf({
      routes: [{ prefix: '44', clients: ['a'] }],
      failoverStatuses: ['ESME_THROTTLED'],
    });
    expect(status.rule).toBe('status-name');
    expect(status.path).toBe('failoverStatuses[0]');
    const typo = errorOf({
      routes: [{ prefix: '44', clients: ['a'] }],
      unboundfailoverms: 5,
    } as RouterOptions);
    expect(typo.rule).toBe('unknown-key');
    expect(typo.message).toBe('unknown option unboundfailoverms; did you mean unboundFailoverMs?');
  });

  it('rejects bad numbers, naming the option', () => {
    const error = errorOf({ routes: [{ prefix: '44', clients: ['a'] }], circuitBreaker: { cooldownMs: -1 } });
    expect(error.path).toBe('circuitBreaker.cooldownMs');
    expect(error.message).toBe('circuitBreaker.cooldownMs must be an integer ≥ 0, got -1');
  });

  it('fills in defaults and turns status names into codes', () => {
    const resolved = validateRouterOptions({
      routes: [{ prefix: '44', clients: ['a'], failoverStatuses: ['ESME_RINVDSTADR'] }],
      fallback: ['b'],
    });
    expect([...resolved.failoverStatuses]).toEqual([0x58, 0x14, 0x08, 0x64]);
    expect([...resolved.routes[0]!.failoverStatuses]).toEqual([0x0b]);
    expect(resolved.clientNames).toEqual(['a', 'b']);
    expect(resolved.circuitBreaker).toEqual({
      failureThreshold: 5,
      failureRate: 0.5,
      windowMs: 10_000,
      cooldownMs: 5_000,
      halfOpenProbes: 1,
    });
  });
});
