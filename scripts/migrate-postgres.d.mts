export const POSTGRES_MIGRATIONS_DIR: string;
export const CREATE_MIGRATIONS_TABLE: string;
export class MigrationError extends Error {}
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}
export interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
}
export function readMigrations(dir?: string): Migration[];
export function checkHistory(applied: AppliedRow[], known: Migration[]): string | null;
export function migratePostgres(url: string, options?: { dir?: string; log?: (line: string) => void }): Promise<string[]>;
