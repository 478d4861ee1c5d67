/**
 * How many messages of one turn the packed RabbitMQ contender publishes in one AMQP message: a window's worth.
 * Its own module so that `bench/run.ts` reads it without loading the queue drivers (and their clients).
 */
export const BENCH_PACK_MESSAGES = 100;
