import { MissingPeerDependencyError } from '../errors/missing-peer-dependency.error.js';
import type { PgConnectionConfig, PgPoolLike } from './pg-client.interface.js';

type PoolConstructor = new (config: Record<string, unknown>) => PgPoolLike;

let poolConstructor: Promise<PoolConstructor> | undefined;

/** `pg.Pool`, loaded on first use only, so `import 'nestjs-naz'` works without `pg` installed. */
function loadPool(feature: string): Promise<PoolConstructor> {
  poolConstructor ??= import('pg').then(
    (mod: Record<string, unknown>) => {
      const Pool = mod.Pool ?? (mod.default as Record<string, unknown> | undefined)?.Pool;
      return Pool as PoolConstructor;
    },
    (error: unknown) => {
      poolConstructor = undefined;
      throw new MissingPeerDependencyError('pg', feature, error);
    },
  );
  return poolConstructor;
}

/**
 * Opens a `pg.Pool` from a connection string or pool options.
 *
 * @remarks
 * The pool gets an `'error'` listener at once: node-postgres emits `'error'` on the pool when an idle client's
 * connection dies (server restart, network cut), and an EventEmitter without a listener would throw it and end
 * the process. The broken client is discarded by the pool; the next query opens a new connection.
 */
export async function createPgPool(
  connection: PgConnectionConfig | undefined,
  feature: string,
  onError: (error: Error) => void,
  defaults: Record<string, unknown> = {},
): Promise<PgPoolLike> {
  const Pool = await loadPool(feature);
  const config =
    typeof connection === 'string'
      ? { ...defaults, connectionString: connection }
      : { ...defaults, ...(connection ?? {}) };
  const pool = new Pool(config);
  pool.on('error', onError);
  return pool;
}
