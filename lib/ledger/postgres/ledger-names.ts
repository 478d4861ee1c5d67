import { checkIdentifier, qualifiedName, quoteIdentifier } from '../../postgres/quote-identifier.js';

/** Where the ledger lives: the names you choose (all optional). */
export interface LedgerNameOptions {
  /** Schema of the table (created when missing). @default 'public' */
  schema?: string;
  /** Table of messages, one row per message with its history. @default 'naz_messages' */
  table?: string;
}

/** The ledger's names, checked, with their quoted SQL forms. */
export interface LedgerNames {
  schema: string;
  table: string;
  sqlSchema: string;
  sqlTable: string;
  sqlDestinationIndex: string;
  sqlStatusIndex: string;
  sqlCreatedIndex: string;
}

/**
 * Resolves, checks (1-63 bytes each, derived index names included) and quotes the ledger's names.
 * @throws InvalidIdentifierError naming the option and the rule.
 */
export function resolveLedgerNames(options: LedgerNameOptions = {}): LedgerNames {
  const schema = checkIdentifier('schema', options.schema ?? 'public');
  const table = checkIdentifier('table', options.table ?? 'naz_messages');
  const index = (suffix: string): string =>
    quoteIdentifier(
      checkIdentifier(
        `table (its derived name ${table}${suffix}; choose a shorter table)`,
        `${table}${suffix}`,
      ),
    );
  return {
    schema,
    table,
    sqlSchema: quoteIdentifier(schema),
    sqlTable: qualifiedName(schema, table),
    sqlDestinationIndex: index('_destination_idx'),
    sqlStatusIndex: index('_status_idx'),
    sqlCreatedIndex: index('_created_idx'),
  };
}
