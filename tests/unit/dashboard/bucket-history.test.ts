import { describe, expect, it } from "vitest";
import { bucketHistory, getHistoryStart } from "@/lib/dashboard/bucket-history";

const now = new Date("2026-11-25T14:10:00Z");
const at = (iso: string) => new Date(iso);

describe("bucketHistory", () => {
  it("makes 48 half-hour buckets on clock boundaries, the last holding now", () => {
    const buckets = bucketHistory([], now);
    expect(buckets).toHaveLength(48);
    expect(buckets[47]).toEqual({ start: "2026-11-25T14:00:00.000Z", end: "2026-11-25T14:30:00.000Z", status: null });
    expect(buckets[0]?.start).toBe("2026-11-24T14:30:00.000Z");
    expect(getHistoryStart(now).toISOString()).toBe("2026-11-24T14:30:00.000Z");
  });

  it("keeps the worst status of each bucket and leaves empty buckets without data", () => {
    const buckets = bucketHistory(
      [
        { status: "healthy", observedAt: at("2026-11-25T13:31:00Z") },
        { status: "unhealthy", observedAt: at("2026-11-25T13:36:00Z") },
        { status: "degraded", observedAt: at("2026-11-25T13:41:00Z") },
        { status: "healthy", observedAt: at("2026-11-25T14:05:00Z") },
        { status: "unconfigured", observedAt: at("2026-11-25T12:05:00Z") },
      ],
      now,
    );
    expect(buckets[46]?.status).toBe("unhealthy");
    expect(buckets[47]?.status).toBe("healthy");
    expect(buckets[45]?.status).toBe(null);
    expect(buckets[43]?.status).toBe("unconfigured");
  });

  it("ignores rows outside the window and unknown statuses", () => {
    const buckets = bucketHistory(
      [
        { status: "unhealthy", observedAt: at("2026-11-24T14:29:59Z") },
        { status: "unhealthy", observedAt: at("2026-11-25T14:30:00Z") },
        { status: "exploded", observedAt: at("2026-11-25T14:01:00Z") },
      ],
      now,
    );
    expect(buckets.every((b) => b.status === null)).toBe(true);
  });
});
