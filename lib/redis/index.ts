// The public part of the shared Redis helpers: the client shape and the factory (re-exported by the entries
// through lib/queue/redis). RedisScript, closeRedisClient and LazyRedisClient are internal.
export * from './redis-client.interface.js';
export * from './create-redis-client.js';
