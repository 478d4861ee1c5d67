import type { AmqpMessageLike } from './amqp-client.interface.js';

/** The AMQP `type` of a message that carries one queue item (the envelope of docs/QUEUE-FORMAT.md). */
export const ITEM_TYPE = 'naz.outbound.v1';

/** The AMQP `type` of a pack: one message whose body is a JSON array of queue items. */
export const PACK_TYPE = 'naz.outbound.pack.v1';

/** Whether a delivered message is a pack (its `type` says so). */
export function isPack(raw: AmqpMessageLike): boolean {
  return raw.properties.type === PACK_TYPE;
}

/**
 * The items of a pack's body.
 * @throws Error when the body is not a non-empty JSON array: the pack is then unreadable as a whole.
 */
export function packItems(content: Buffer): unknown[] {
  let items: unknown;
  try {
    items = JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw new Error(`a pack must be JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(items) || items.length === 0)
    throw new Error('a pack must be a non-empty JSON array of queue items');
  return items as unknown[];
}

/**
 * One delivered pack: several queue items in one AMQP message. The broker knows only the message, so it is
 * acknowledged once every item in it is settled (sent and answered, retried or dead-lettered), and until then
 * the keys of the items already settled are kept: if the channel is lost first, the broker delivers the whole
 * pack again and those items are dropped from the copy instead of being sent twice.
 */
export class RabbitMqPack {
  /** Items not settled yet. */
  private open: number;
  /** Keys of the items settled so far; complete (every item's key) once the pack is acknowledged. */
  readonly settledKeys: string[] = [];

  constructor(
    readonly raw: AmqpMessageLike,
    /** How many items it carries. */
    readonly size: number,
    /** The connection it came on: its ack is only valid there. */
    readonly generation: number,
  ) {
    this.open = size;
  }

  /** Whether no item has been settled (nor dropped as already answered) yet. */
  get untouched(): boolean {
    return this.open === this.size;
  }

  /** Records an item as settled; true when it was the last one, and the pack can be acknowledged. */
  itemSettled(key: string): boolean {
    this.settledKeys.push(key);
    return --this.open === 0;
  }
}
