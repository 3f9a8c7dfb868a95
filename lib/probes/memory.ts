// What a probe may remember between cycles: facts that never change once learned (a Doppler config log
// entry, say), so a later cycle does not ask the vendor again. Values are probe-chosen strings and
// must never hold a secret value.

export interface ProbeMemory {
  /** The values remembered under these keys; keys never remembered are absent from the map. */
  recall(keys: readonly string[]): Promise<Map<string, string>>;
  /** Remembers each entry; an existing key keeps its first value (what was learned does not change). */
  remember(entries: ReadonlyMap<string, string>): Promise<void>;
}

/** Memory that lasts as long as the object: for one-off runs (`npm run doctor`, unit tests) that must not write. */
export function createVolatileMemory(): ProbeMemory {
  const store = new Map<string, string>();
  return {
    recall: async (keys) => new Map(keys.flatMap((k) => (store.has(k) ? [[k, store.get(k)!] as const] : []))),
    remember: async (entries) => {
      for (const [k, v] of entries) if (!store.has(k)) store.set(k, v);
    },
  };
}
