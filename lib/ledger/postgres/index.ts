export * from './ledger-names.js';
export { ledgerMigrationSql, LEDGER_SCHEMA_VERSION } from './ledger-migration.js';
export * from './postgres-message-ledger-options.interface.js';
export * from './postgres-message-ledger.js';
