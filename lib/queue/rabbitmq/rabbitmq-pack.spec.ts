import { describe, expect, it } from '@jest/globals';
import type { AmqpMessageLike } from './amqp-client.interface.js';
import { isPack, ITEM_TYPE, PACK_TYPE, packItems, RabbitMqPack } from './rabbitmq-pack.js';

function raw(type: unknown, content = '[]'): AmqpMessageLike {
  return {
    content: Buffer.from(content),
    fields: { deliveryTag: 1, redelivered: false },
    properties: { type },
  };
}

describe('packItems', () => {
  it('reads the items of a JSON array', () => {
    expect(packItems(Buffer.from('[{"v":1},{"v":1,"to":"2"}]'))).toEqual([{ v: 1 }, { v: 1, to: '2' }]);
  });

  it.each([
    ['not JSON', '[{"v":1}', /must be JSON/],
    ['an object', '{"v":1}', /non-empty JSON array/],
    ['an empty array', '[]', /non-empty JSON array/],
  ])('refuses a body that is %s', (_, body, error) => {
    expect(() => packItems(Buffer.from(body))).toThrow(error);
  });
});

describe('isPack', () => {
  it('tells a pack by its AMQP type only', () => {
    expect(isPack(raw(PACK_TYPE))).toBe(true);
    expect(isPack(raw(ITEM_TYPE, '[1]'))).toBe(false);
    expect(isPack(raw(undefined, '[1]'))).toBe(false);
  });
});

describe('RabbitMqPack', () => {
  it('is complete when every item is settled, and keeps the settled keys in order', () => {
    const pack = new RabbitMqPack(raw(PACK_TYPE), 3, 1);
    expect(pack.untouched).toBe(true);
    expect(pack.itemSettled('b#1')).toBe(false);
    expect(pack.untouched).toBe(false);
    expect(pack.itemSettled('a#1')).toBe(false);
    expect(pack.itemSettled('c#1')).toBe(true);
    expect(pack.settledKeys).toEqual(['b#1', 'a#1', 'c#1']);
  });
});
