export * from './postgres-outbound-queue-options.interface.js';
export * from './postgres-outbound-queue.js';
export * from './outbox-names.js';
export { outboxMigrationSql, OUTBOX_SCHEMA_VERSION } from './outbox-migration.js';
