import { MissingPeerDependencyError } from '../../errors/missing-peer-dependency.error.js';
import type { AmqpConnect } from './amqp-client.interface.js';

let connectFunction: Promise<AmqpConnect> | undefined;

/** amqplib's `connect`, loaded on first use only, so `import 'nestjs-naz'` works without amqplib. */
export function loadAmqpConnect(feature: string): Promise<AmqpConnect> {
  connectFunction ??= import('amqplib').then(
    (mod: Record<string, unknown>) => {
      const connect = mod.connect ?? (mod.default as Record<string, unknown> | undefined)?.connect;
      return connect as AmqpConnect;
    },
    (error: unknown) => {
      connectFunction = undefined;
      throw new MissingPeerDependencyError('amqplib', feature, error);
    },
  );
  return connectFunction;
}
