export * from './amqp-client.interface.js';
export * from './rabbitmq-outbound-queue-options.interface.js';
export * from './rabbitmq-outbound-queue.js';
export { retryBucketMs } from './retry-delay-buckets.js';
