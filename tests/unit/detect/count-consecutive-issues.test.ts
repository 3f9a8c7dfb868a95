import { afterEach, describe, expect, it, vi } from "vitest";
import { countConsecutiveIssues } from "@/lib/detect/count-consecutive-issues";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ProbeName, ProbeStatus } from "@/lib/probes/types";

afterEach(() => vi.restoreAllMocks());

interface Row {
  probe: string;
  status: string;
  details: string;
  error: string | null;
  observedAt: Date;
  latencyMs: number;
}

/**
 * The probe_snapshot table in memory, answering the one query shape the counter uses the way Prisma does:
 * `where.probe` filters, `orderBy.observedAt` sorts ("asc" | "desc", anything else is refused), `take` limits,
 * `select` returns only the fields set to true. Rows are kept in insertion order, oldest first.
 */
function snapshotTable(rows: Row[]) {
  const findMany = vi.fn(async (args: { where?: { probe?: string }; orderBy?: { observedAt?: string }; take?: number; select?: Record<string, boolean> }) => {
    let out = rows.filter((r) => args.where?.probe === undefined || r.probe === args.where.probe);
    const direction = args.orderBy?.observedAt;
    if (direction !== undefined) {
      if (direction !== "asc" && direction !== "desc") throw new Error(`Invalid value for orderBy.observedAt: "${direction}"`);
      out = [...out].sort((a, b) => (a.observedAt.getTime() - b.observedAt.getTime()) * (direction === "desc" ? -1 : 1));
    }
    if (args.take !== undefined) out = out.slice(0, args.take);
    const select = args.select;
    if (select === undefined) return out;
    return out.map((r) => Object.fromEntries(Object.entries(r).filter(([key]) => select[key] === true)));
  });
  return { db: { probeSnapshot: { findMany } } as unknown as PrismaClient, findMany };
}

let minute = 0;
/** One stored snapshot, each a minute after the last. */
function row(probe: ProbeName, status: ProbeStatus, details: object | string = {}, error: string | null = null): Row {
  minute += 1;
  return {
    probe,
    status,
    details: typeof details === "string" ? details : JSON.stringify(details),
    error,
    observedAt: new Date(Date.UTC(2026, 10, 25, 10, minute)),
    latencyMs: 40,
  };
}

const down = (probe: ProbeName = "supabase") => row(probe, "unhealthy", { rest: "down" }, `${probe} unreachable`);
const slow = (probe: ProbeName = "supabase") => row(probe, "degraded", { connections_pct: 92 }, "connections at 92%");
const fine = (probe: ProbeName = "supabase") => row(probe, "healthy", { rest: "up" });

describe("countConsecutiveIssues", () => {
  it("counts an unbroken run of the same issue, newest first", async () => {
    const { db } = snapshotTable([down(), down(), down()]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 3)).toBe(3);
  });

  it("counts only back to the most recent healthy snapshot", async () => {
    const { db } = snapshotTable([down(), down(), fine(), down(), down()]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 5)).toBe(2);
  });

  it("is zero when the newest snapshot is healthy, however many issues came before", async () => {
    const { db } = snapshotTable([down(), down(), down(), fine()]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 4)).toBe(0);
  });

  it("is zero with no stored snapshots", async () => {
    const { db } = snapshotTable([]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 3)).toBe(0);
  });

  it("reads at most `limit` snapshots, so the count never exceeds the threshold asked about", async () => {
    const { db, findMany } = snapshotTable([down(), down(), down(), down(), down()]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 3)).toBe(3);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 1)).toBe(1);
    expect(findMany).toHaveBeenCalledTimes(2);
  });

  it("a different category ends the streak: degraded does not count toward unhealthy, nor the reverse", async () => {
    const { db } = snapshotTable([down(), slow(), down(), down()]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 4)).toBe(2);
    expect(await countConsecutiveIssues(db, "supabase", "service_degraded", 4)).toBe(0);

    const degraded = snapshotTable([down(), slow(), slow()]);
    expect(await countConsecutiveIssues(degraded.db, "supabase", "service_degraded", 3)).toBe(2);
    expect(await countConsecutiveIssues(degraded.db, "supabase", "service_unhealthy", 3)).toBe(0);
  });

  it("ignores other probes' snapshots in between", async () => {
    const { db } = snapshotTable([down(), fine("fly"), down(), fine("vercel"), down(), slow("doppler")]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 3)).toBe(3);
    expect(await countConsecutiveIssues(db, "fly", "service_unhealthy", 3)).toBe(0);
    expect(await countConsecutiveIssues(db, "doppler", "service_degraded", 3)).toBe(1);
  });

  it("orders by observation time, not by the order rows were stored", async () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 26, 9, m));
    const newest = { ...down(), observedAt: at(3) };
    const middle = { ...down(), observedAt: at(2) };
    const oldest = { ...fine(), observedAt: at(1) };
    const { db } = snapshotTable([middle, oldest, newest]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 3)).toBe(2);
  });

  it("an unconfigured or rate-limited snapshot is not an issue, so it ends the streak", async () => {
    const unconfigured = snapshotTable([down(), row("supabase", "unconfigured"), down()]);
    expect(await countConsecutiveIssues(unconfigured.db, "supabase", "service_unhealthy", 3)).toBe(1);

    const limited = snapshotTable([down(), row("supabase", "degraded", { rate_limited: true }, "HTTP 429"), slow()]);
    expect(await countConsecutiveIssues(limited.db, "supabase", "service_degraded", 3)).toBe(1);
  });

  it("reads the stored error and details: a snapshot with neither still counts", async () => {
    const { db } = snapshotTable([row("fly", "unhealthy", {}, null), row("fly", "unhealthy", { apps_reachable: 0, apps_total: 2 }, "HTTP 503")]);
    expect(await countConsecutiveIssues(db, "fly", "service_unhealthy", 2)).toBe(2);
  });

  it("a stored row whose details do not parse ends the streak with a logged warning, never a throw", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { db } = snapshotTable([down(), row("supabase", "unhealthy", "{not json", "down"), down()]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 3)).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("malformed snapshot"));
  });

  it("a stored status the detector does not know ends the streak", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { db } = snapshotTable([down(), row("supabase", "exploded" as ProbeStatus), down()]);
    expect(await countConsecutiveIssues(db, "supabase", "service_unhealthy", 3)).toBe(1);
  });
});
