import { describe, expect, it } from "vitest";
import { formatClock, formatDuration, formatInterval, formatRelative, formatTimestamp } from "@/lib/dashboard/format";

describe("dashboard formatting", () => {
  const now = "2026-11-25T14:10:00.000Z";

  it("says how long ago, from the server's now", () => {
    expect(formatRelative("2026-11-25T14:09:55.000Z", now)).toBe("just now");
    expect(formatRelative("2026-11-25T14:09:20.000Z", now)).toBe("40 s ago");
    expect(formatRelative("2026-11-25T14:08:00.000Z", now)).toBe("2 min ago");
    expect(formatRelative("2026-11-25T11:00:00.000Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-11-20T14:10:00.000Z", now)).toBe("5 d ago");
    expect(formatRelative("2026-11-25T14:12:00.000Z", now)).toBe("just now");
  });

  it("formats clock times in the given zone", () => {
    expect(formatClock("2026-11-25T14:00:00.000Z", "UTC")).toBe("14:00");
    expect(formatClock("2026-11-25T00:30:00.000Z", "UTC")).toBe("00:30");
    expect(formatClock("2026-11-25T14:00:00.000Z", "Europe/Paris")).toBe("15:00");
    expect(formatTimestamp("2026-11-25T14:02:11.000Z", "UTC")).toBe("2026-11-25 14:02:11 UTC");
  });

  it("formats durations and schedules", () => {
    expect(formatDuration(184)).toBe("184 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatInterval(300_000)).toBe("5 minutes");
    expect(formatInterval(30_000)).toBe("30 seconds");
    expect(formatInterval(3_600_000)).toBe("hour");
  });
});
