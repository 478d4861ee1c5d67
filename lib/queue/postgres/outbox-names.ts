import {
  checkIdentifier,
  InvalidIdentifierError,
  qualifiedName,
  quoteIdentifier,
} from '../../postgres/quote-identifier.js';

/** Where the outbox lives: the names you choose (all optional). */
export interface OutboxNameOptions {
  /** Schema of both tables (created when missing). @default 'public' */
  schema?: string;
  /** Table of waiting and leased messages. @default 'naz_outbox' */
  table?: string;
  /** Table of messages that failed for good, with the reason. @default `<table>_dead` */
  deadLetterTable?: string;
  /** `LISTEN`/`NOTIFY` channel that wakes idle consumers. @default `<schema>.<table>` */
  channel?: string;
}

/** The outbox's names, checked, with their quoted SQL forms. */
export interface OutboxNames {
  schema: string;
  table: string;
  deadLetterTable: string;
  channel: string;
  /** `"schema"."table"`, ready for SQL text. */
  sqlTable: string;
  sqlDeadLetterTable: string;
  sqlSchema: string;
  sqlAvailableIndex: string;
  sqlDeadLetterIndex: string;
  sqlNotifyFunction: string;
  sqlNotifyTrigger: string;
  /** The trigger's name unquoted (the migration looks it up in pg_trigger). */
  notifyTrigger: string;
}

/**
 * Resolves and checks the names (1-63 bytes each, derived ones included) and quotes them, so any name the user
 * picks, with capitals, spaces or quotes, is used exactly as given and cannot change the SQL around it.
 *
 * @throws InvalidIdentifierError naming the option and the rule.
 */
export function resolveOutboxNames(options: OutboxNameOptions = {}): OutboxNames {
  const schema = checkIdentifier('schema', options.schema ?? 'public');
  const table = checkIdentifier('table', options.table ?? 'naz_outbox');
  const deadLetterTable = checkIdentifier('deadLetterTable', options.deadLetterTable ?? `${table}_dead`);
  const channel = checkIdentifier(
    options.channel === undefined ? 'channel (default `<schema>.<table>`; set channel)' : 'channel',
    options.channel ?? `${schema}.${table}`,
  );
  const derived = (suffix: string, base = table): string =>
    checkIdentifier(`table (its derived name ${base}${suffix}; choose a shorter table)`, `${base}${suffix}`);
  const availableIndex = derived('_available_idx');
  const deadLetterIndex = derived('_failed_idx', deadLetterTable);
  const notifyName = derived('_notify');
  for (const [option, value] of [
    ['schema', schema],
    ['table', table],
    ['deadLetterTable', deadLetterTable],
    ['channel', channel],
  ] as const) {
    // The migration writes the trigger function's body between $naz$ quotes.
    if (value.includes('$naz$')) throw new InvalidIdentifierError(option, value, 'must not contain "$naz$"');
  }
  return {
    schema,
    table,
    deadLetterTable,
    channel,
    sqlSchema: quoteIdentifier(schema),
    sqlTable: qualifiedName(schema, table),
    sqlDeadLetterTable: qualifiedName(schema, deadLetterTable),
    sqlAvailableIndex: quoteIdentifier(availableIndex),
    sqlDeadLetterIndex: quoteIdentifier(deadLetterIndex),
    sqlNotifyFunction: qualifiedName(schema, notifyName),
    sqlNotifyTrigger: quoteIdentifier(notifyName),
    notifyTrigger: notifyName,
  };
}
