import type { QueueConfig } from './queue-config.interface.js';

/** A `queue` value that fits none of the accepted shapes; `path` is the offending key. */
export class QueueConfigError extends Error {
  constructor(
    readonly path: string,
    readonly rule: string,
  ) {
    super(`${path} ${rule}`);
    this.name = 'QueueConfigError';
  }
}

const BUILT_IN = ['memory', 'redis', 'rabbitmq'] as const;
const SHAPES =
  'must be "memory", "redis", "rabbitmq", "./path.js#ExportName", or an object with "type" or "module"';

/**
 * Reads the config's `queue` value into a {@link QueueConfig}; absent means the in-memory queue.
 *
 * @throws QueueConfigError naming `queue...` and what was expected.
 */
export function parseQueueConfig(value: unknown): QueueConfig {
  if (value === undefined || value === null) return { type: 'memory' };
  if (typeof value === 'string') return parseQueueString(value);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new QueueConfigError('queue', `${SHAPES}, got ${describe(value)}`);
  }
  const { type, module, export: exportName, options, ...rest } = value as Record<string, unknown>;
  if (module !== undefined) {
    if (type !== undefined && type !== 'module') {
      throw new QueueConfigError('queue', `has both "type" and "module"; use one`);
    }
    if (typeof module !== 'string' || module.trim() === '') {
      throw new QueueConfigError('queue.module', `must be a non-empty module path, got ${describe(module)}`);
    }
    if (exportName !== undefined && (typeof exportName !== 'string' || exportName === '')) {
      throw new QueueConfigError('queue.export', `must be an export name, got ${describe(exportName)}`);
    }
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
      throw new QueueConfigError(
        `queue.${unknownKeys[0]}`,
        'is not a key of a module queue (module, export, options)',
      );
    }
    return { type: 'module', module, exportName: (exportName as string | undefined) ?? 'default', options };
  }
  if (typeof type !== 'string' || !(BUILT_IN as readonly string[]).includes(type)) {
    throw new QueueConfigError(
      'queue.type',
      `must be one of ${BUILT_IN.join(', ')} (or give "module"), got ${describe(type)}`,
    );
  }
  if (exportName !== undefined) throw new QueueConfigError('queue.export', 'only applies with "module"');
  const adapterOptions = { ...rest, ...(isRecord(options) ? options : {}) };
  if (type === 'memory') {
    const { capacity, ...others } = adapterOptions;
    const unknownKeys = Object.keys(others);
    if (unknownKeys.length > 0)
      throw new QueueConfigError(`queue.${unknownKeys[0]}`, 'is not a key of the memory queue (capacity)');
    if (
      capacity !== undefined &&
      !(typeof capacity === 'number' && Number.isInteger(capacity) && capacity > 0)
    ) {
      throw new QueueConfigError('queue.capacity', `must be an integer > 0, got ${describe(capacity)}`);
    }
    return { type, capacity: capacity as number | undefined };
  }
  return { type: type as 'redis' | 'rabbitmq', options: adapterOptions };
}

function parseQueueString(text: string): QueueConfig {
  if ((BUILT_IN as readonly string[]).includes(text)) {
    return text === 'memory' ? { type: 'memory' } : { type: text as 'redis' | 'rabbitmq', options: {} };
  }
  // naz's dotted path ("my.module.MyQueue") becomes "module#Export" here: file paths contain dots.
  if (/^(\.{1,2}\/|\/)|^[@a-z0-9]/i.test(text) && text.includes('#')) {
    const hash = text.lastIndexOf('#');
    const module = text.slice(0, hash);
    const exportName = text.slice(hash + 1);
    if (module !== '' && exportName !== '') return { type: 'module', module, exportName };
  }
  if (/^(\.{1,2}\/|\/)/.test(text)) return { type: 'module', module: text, exportName: 'default' };
  throw new QueueConfigError('queue', `${SHAPES}, got ${describe(text)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : value === undefined
      ? 'nothing'
      : (JSON.stringify(value) ?? String(value));
}
