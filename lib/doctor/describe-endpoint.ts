/** `api.machines.dev` or `127.0.0.1:4010`: where a check went, without a path, query or credentials. */
export function describeEndpoint(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/** The variables in `names` that are unset (or an empty list), in the given order. */
export function listUnset<E extends object>(env: E, names: readonly (keyof E)[]): string[] {
  return names.filter((n) => {
    const value: unknown = env[n];
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  }) as string[];
}
