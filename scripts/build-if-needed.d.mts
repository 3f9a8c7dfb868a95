export function sourceStamp(): string;
export function buildIfNeeded(env?: NodeJS.ProcessEnv, stdio?: import("node:child_process").StdioOptions): boolean;
