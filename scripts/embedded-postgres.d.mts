export function freePort(): Promise<number>;
export interface EmbeddedCluster {
  port: number;
  urlFor(name: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}
export function startEmbeddedPostgres(options?: { label?: string }): Promise<EmbeddedCluster>;
