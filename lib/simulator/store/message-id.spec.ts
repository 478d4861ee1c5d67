import { describe, expect, it } from '@jest/globals';
import { MessageIdAllocator } from './message-id.js';

describe('MessageIdAllocator', () => {
  it('renders consecutive decimal ids and parses them back', () => {
    const ids = new MessageIdAllocator('decimal', 41);
    const a = ids.next();
    const b = ids.next();
    expect([ids.render(a), ids.render(b)]).toEqual(['41', '42']);
    expect(ids.parse('42')).toBe(42);
  });

  it('renders lower-case hex and parses either case', () => {
    const ids = new MessageIdAllocator('hex', 0xff);
    expect(ids.render(ids.next())).toBe('ff');
    expect(ids.parse('FF')).toBe(255);
  });

  it('refuses ids that cannot be ours', () => {
    const dec = new MessageIdAllocator('decimal');
    expect(dec.parse('')).toBeUndefined();
    expect(dec.parse('12a')).toBeUndefined();
    expect(dec.parse('1'.repeat(20))).toBeUndefined();
    expect(new MessageIdAllocator('hex').parse('xyz')).toBeUndefined();
  });

  it('rejects a negative start', () => {
    expect(() => new MessageIdAllocator('decimal', -1)).toThrow(/messageIdStart -1/);
  });
});
