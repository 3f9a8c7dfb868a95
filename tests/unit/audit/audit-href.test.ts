import { describe, expect, it } from "vitest";
import { auditHref, auditRowHref } from "@/components/audit/audit-href";

describe("auditHref", () => {
  it("is the bare page without filters", () => {
    expect(auditHref({})).toBe("/audit");
  });

  it("keeps every filter in a fixed order and encodes the session id", () => {
    expect(auditHref({ session: "probe:fly:service_degraded:abc 1", probe: "fly", seam: "envelope.toggled" })).toBe(
      "/audit?seam=envelope.toggled&probe=fly&session=probe%3Afly%3Aservice_degraded%3Aabc+1",
    );
  });

  it("carries a cursor only when one is given, so a filter change starts at the newest page", () => {
    const filters = { seam: "probe.wake_requested" as const, probe: undefined, session: undefined };
    expect(auditHref(filters, 1234)).toBe("/audit?seam=probe.wake_requested&cursor=1234");
    expect(auditHref({ ...filters, cursor: 1234 } as typeof filters)).toBe("/audit?seam=probe.wake_requested");
  });
});

describe("auditRowHref", () => {
  it("jumps to the row's anchor on this page, else opens the unfiltered page that starts at it", () => {
    expect(auditRowHref(42, true)).toBe("#audit-event-42");
    expect(auditRowHref(42, false)).toBe("/audit?cursor=43#audit-event-42");
  });
});
