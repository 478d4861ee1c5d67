import { afterAll, beforeAll } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresMessageLedger } from '../../lib/ledger/postgres/postgres-message-ledger.js';
import { startPostgresServer, type PostgresTestServer } from '../support/postgres-server.js';
import { describeRouterLedger } from './router-ledger-scenarios.js';

let server: PostgresTestServer;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startPostgresServer();
  pool = new pg.Pool({ connectionString: server.url, max: 4 });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
}, 30_000);

describeRouterLedger('PostgreSQL', async () => {
  const names = { schema: 'naz_ledger', table: `routed_${randomBytes(3).toString('hex')}` };
  await PostgresMessageLedger.migrate(pool, names);
  return new PostgresMessageLedger({ pool, ...names });
});
