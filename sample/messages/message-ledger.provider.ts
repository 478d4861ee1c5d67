import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  InMemoryMessageLedger,
  NAZ_MESSAGE_LEDGER,
  PostgresMessageLedger,
  type MessageLedger,
} from '../../lib/index.js';

/** How long the sample keeps message histories in PostgreSQL. */
const RETENTION_MS = 30 * 86_400_000;

/**
 * Where the sample keeps every message's history (`GET /messages/:id`): in memory by default, in PostgreSQL
 * when `DATABASE_URL` is set (the table is created at start; 30 days of history, purged in batches).
 *
 * @remarks
 * The sample records the text too, to show it back; the library leaves it out unless asked (`recordText`), as
 * texts such as one-time codes are sensitive.
 */
export const messageLedgerProvider: Provider = {
  provide: NAZ_MESSAGE_LEDGER,
  inject: [ConfigService],
  useFactory: (config: ConfigService): MessageLedger => {
    const url = config.get<string>('DATABASE_URL');
    if (!url) return new InMemoryMessageLedger({ recordText: true });
    return new PostgresMessageLedger({
      connection: url,
      migrate: true,
      recordText: true,
      retention: { maxAgeMs: RETENTION_MS },
    });
  },
};
