import { describe, expect, it } from "vitest";
import { writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import { listAutofixRecords } from "@/lib/autofix/list-autofix-records";
import { db } from "@/lib/db";

const attempt = (sessionId: string, outcome: string, machine: string): AuditEventInput => ({
  seam: "tool.probe_autofix_attempted",
  actor: "lookout:investigator",
  sessionId,
  probe: "fly",
  details: { outcome, app: "lookout-runtime", machine_id: machine, reason: null, message: `${outcome} ${machine}`, wake_id: "w1", snapshot_id: "s1", capability: "probe_autofix_fly_restart" },
});

describe("listAutofixRecords", () => {
  it("reads one incident's attempt rows, oldest first, and nothing from other incidents or seams", async () => {
    const session = "probe:fly:service_unhealthy:records-1";
    await db.$transaction((tx) =>
      writeAuditEvents(tx, [
        attempt(session, "refused", "m9"),
        attempt("probe:fly:service_unhealthy:records-other", "allowed", "m1"),
        attempt(session, "allowed", "m1"),
        // Shaped like an attempt, but in another seam: not an attempt.
        { ...attempt(session, "failed", "m1"), seam: "probe.wake_requested" },
        attempt(session, "succeeded", "m1"),
      ]),
    );
    const records = await listAutofixRecords(db, session);
    expect(records.map((r) => [r.outcome, r.machineId])).toEqual([
      ["refused", "m9"],
      ["succeeded", "m1"],
    ]);
    expect(await listAutofixRecords(db, "probe:fly:service_unhealthy:none")).toEqual([]);
  });
});
