import { describe, expect, it } from "vitest";
import { describeError } from "@/lib/describe-error";

describe("describeError", () => {
  it("takes the driver's message and code out of a Prisma error instead of its blank first line", () => {
    const error = Object.assign(new Error("\nInvalid `tx.wake.create()` invocation in\n/x.ts:87:19\n\n→ 87 await tx.wake.create(\nForeign key constraint violated"), {
      code: "P2003",
      meta: { driverAdapterError: { cause: { originalMessage: "wake table unavailable" } } },
    });
    expect(describeError(error)).toBe("P2003: wake table unavailable");
  });
  it("keeps plain errors and non-errors readable", () => {
    expect(describeError(new Error("database is locked"))).toBe("database is locked");
    expect(describeError("boom")).toBe("boom");
  });
});
