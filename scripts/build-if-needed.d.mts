export function sourceStamp(): string;
export function buildIfNeeded(env?: NodeJS.ProcessEnv): boolean;
