export type DatabaseProvider = "sqlite" | "postgres";
export const DEFAULT_DATABASE_URL: string;
export function databaseProvider(url: string): DatabaseProvider;
export function redactUrl(url: string): string;
export function sessionSecretProblem(url: string, secret: string | undefined): string | null;
