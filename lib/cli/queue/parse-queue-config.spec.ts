import { describe, expect, it } from '@jest/globals';

import { parseQueueConfig } from './parse-queue-config.js';

describe('parseQueueConfig', () => {
  it('defaults to the in-memory queue', () => {
    expect(parseQueueConfig(undefined)).toEqual({ type: 'memory' });
    expect(parseQueueConfig('memory')).toEqual({ type: 'memory' });
    expect(parseQueueConfig({ type: 'memory', capacity: 10 })).toEqual({ type: 'memory', capacity: 10 });
  });

  it('passes adapter options through for redis and rabbitmq', () => {
    expect(parseQueueConfig({ type: 'redis', url: 'redis://x', options: { key: 'k' } })).toEqual({
      type: 'redis',
      options: { url: 'redis://x', key: 'k' },
    });
    expect(parseQueueConfig('rabbitmq')).toEqual({ type: 'rabbitmq', options: {} });
  });

  it('reads a module path with export name, as an object or "path#Export"', () => {
    expect(parseQueueConfig({ module: './q.js', export: 'FileQueue', options: { file: 'a' } })).toEqual({
      type: 'module',
      module: './q.js',
      exportName: 'FileQueue',
      options: { file: 'a' },
    });
    expect(parseQueueConfig('./lib/q.mjs#FileQueue')).toEqual({
      type: 'module',
      module: './lib/q.mjs',
      exportName: 'FileQueue',
    });
    expect(parseQueueConfig('./q.js')).toEqual({ type: 'module', module: './q.js', exportName: 'default' });
  });

  it('names the key and the accepted shapes when wrong', () => {
    expect(() => parseQueueConfig({ type: 'kafka' })).toThrow(
      'queue.type must be one of memory, redis, rabbitmq (or give "module"), got "kafka"',
    );
    expect(() => parseQueueConfig('kafka')).toThrow(
      /^queue must be "memory", "redis", "rabbitmq", "\.\/path\.js#ExportName"/,
    );
    expect(() => parseQueueConfig({ type: 'memory', capacity: 0 })).toThrow(
      'queue.capacity must be an integer > 0, got 0',
    );
    expect(() => parseQueueConfig({ module: './q.js', exprt: 'X' })).toThrow(
      /^queue\.exprt is not a key of a module queue/,
    );
  });
});
