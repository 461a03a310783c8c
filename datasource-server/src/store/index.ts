// The store's public surface: open it, migrate it, and the types the rest of the service uses.

export { createStore, formatDateTime64 } from './store.ts';
export { QueryCancelledError, QueryLimitError, QueryRefusedError, QueryStoppedError } from './errors.ts';
export type { StoreOptions } from './store.ts';
export { runMigrations, migrations, schemaOptionsOf, schemaSql } from './migrations.ts';
export type { Migration, MigrationReport, SchemaOptions } from './migrations.ts';
export type { FieldValue, LogRow, QueryRequest, QueryResult, Store } from './types.ts';
