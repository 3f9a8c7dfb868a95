import { describe, expect, it } from "vitest";
import { auditQuery } from "@/lib/audit/list-audit-events";

describe("auditQuery, the audit page's query string", () => {
  it("keeps every valid filter and the cursor", () => {
    expect(auditQuery.parse({ seam: "envelope.toggled", probe: "fly", session: "probe:fly:service_degraded:abc", cursor: "120" })).toEqual({
      seam: "envelope.toggled",
      probe: "fly",
      session: "probe:fly:service_degraded:abc",
      cursor: 120,
    });
  });

  it("drops a bad value instead of failing, so the default applies", () => {
    expect(auditQuery.parse({ seam: "nope", probe: "nope", cursor: "abc" })).toEqual({});
    expect(auditQuery.parse({ cursor: "0" })).toEqual({});
    expect(auditQuery.parse({ cursor: "1.5" })).toEqual({});
  });

  it("trims the session id and drops a blank one", () => {
    expect(auditQuery.parse({ session: "  probe:fly:x  " })).toEqual({ session: "probe:fly:x" });
    expect(auditQuery.parse({ session: "   " })).toEqual({});
    expect(auditQuery.parse({ session: "" })).toEqual({});
  });

  it("accepts a session id of up to 200 characters and drops a longer one", () => {
    expect(auditQuery.parse({ session: "s".repeat(200) })).toEqual({ session: "s".repeat(200) });
    expect(auditQuery.parse({ session: "s".repeat(2) })).toEqual({ session: "ss" });
    expect(auditQuery.parse({ session: "s".repeat(201) })).toEqual({});
  });
});
