import { describe, it, expect } from '@jest/globals';
import { RouteTable } from '../../lib/router/route-table.js';
import { validateRouterOptions } from '../../lib/router/validate-router-options.js';
import type { RouterOptions } from '../../lib/router/router-options.interface.js';

function tableOf(options: RouterOptions): RouteTable {
  const resolved = validateRouterOptions(options);
  return new RouteTable(resolved.routes, resolved.fallback);
}

describe('route matching', () => {
  const table = tableOf({
    routes: [
      { prefix: '44', clients: ['uk'] },
      { prefix: '447', clients: ['uk-mobile'] },
      { prefix: '4477009', clients: ['uk-test'] },
      { prefix: '1', clients: ['us'] },
      { prefix: '1', tag: 'otp', clients: ['us-otp'] },
      { prefix: '1', from: ['ACME', 'BETA'], clients: ['us-acme'] },
      { prefix: '1', from: 'ACME', tag: 'otp', clients: ['us-acme-otp'] },
      { prefix: '', tag: 'bulk', clients: ['bulk'] },
    ],
    fallback: ['intl'],
  });
  const route = (to: string, from?: string, tag?: string) => table.match({ to, from, tag })?.name;

  it('takes the longest prefix of the destination', () => {
    expect(route('442071234567')).toBe('44');
    expect(route('447700123456')).toBe('447');
    expect(route('447700900123')).toBe('4477009');
  });
  it('ignores a leading + on the destination', () => {
    expect(route('+447700900123')).toBe('4477009');
  });
  it('sends unmatched destinations to the fallback', () => {
    expect(route('33612345678')).toBe('fallback');
  });
  it('prefers the route with more conditions at the same prefix', () => {
    expect(route('15551234567')).toBe('1');
    expect(route('15551234567', undefined, 'otp')).toBe('1|tag=otp');
    expect(route('15551234567', 'BETA')).toBe('1|from=ACME,BETA');
    expect(route('15551234567', 'ACME', 'otp')).toBe('1|from=ACME|tag=otp');
  });
  it('lets a longer prefix win over a conditional shorter one', () => {
    // The tag-only route has prefix '' (any): a matching prefix route is longer, so it wins.
    expect(route('442071234567', undefined, 'bulk')).toBe('44');
    expect(route('33612345678', undefined, 'bulk')).toBe('*|tag=bulk');
  });
  it('gives undefined without a match and without a fallback', () => {
    const strict = tableOf({ routes: [{ prefix: '44', clients: ['uk'] }] });
    expect(strict.match({ to: '33612345678' })).toBeUndefined();
  });
});
