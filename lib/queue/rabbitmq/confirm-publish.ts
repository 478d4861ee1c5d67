import { toError } from '../../errors/to-error.js';
import type { AmqpConfirmChannelLike, AmqpPublishOptions } from './amqp-client.interface.js';

/** Publishes to a queue through the default exchange and resolves on the broker's confirm. */
export function confirmPublish(
  channel: AmqpConfirmChannelLike,
  queue: string,
  body: Buffer,
  options: AmqpPublishOptions,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      // The return value only signals a full write buffer; the confirm callback is what we wait for.
      channel.sendToQueue(queue, body, options, (error) => (error ? reject(toError(error)) : resolve()));
    } catch (error) {
      reject(toError(error));
    }
  });
}
