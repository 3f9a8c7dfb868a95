import { describeError } from "@/lib/describe-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ProbeMemory } from "@/lib/probes/memory";
import type { ProbeName } from "@/lib/probes/types";

// A probe's memory kept in the database. It is a cache of facts the vendor would tell again, so a
// database problem costs a few extra vendor calls, never the probe: errors are logged and swallowed.

export function createDbProbeMemory(db: PrismaClient, probe: ProbeName): ProbeMemory {
  return {
    async recall(keys) {
      if (keys.length === 0) return new Map();
      try {
        const rows = await db.probeMemo.findMany({ where: { probe, key: { in: [...keys] } }, select: { key: true, value: true } });
        return new Map(rows.map((r) => [r.key, r.value]));
      } catch (error) {
        console.error(`[lookout] ${probe} probe memory unreadable; asking the vendor instead: ${describeError(error)}`);
        return new Map();
      }
    },
    async remember(entries) {
      if (entries.size === 0) return;
      try {
        // update: {} keeps the first value: a learned fact does not change, and two writers agree on it.
        await db.$transaction(
          [...entries].map(([key, value]) =>
            db.probeMemo.upsert({ where: { probe_key: { probe, key } }, create: { probe, key, value }, update: {} }),
          ),
        );
      } catch (error) {
        console.error(`[lookout] ${probe} probe memory not saved; the next cycle will ask again: ${describeError(error)}`);
      }
    },
  };
}
