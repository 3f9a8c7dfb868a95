import { describe, expect, it, vi } from "vitest";

// A configured credential, set before the environment is first read.
vi.hoisted(() => {
  process.env.VERCEL_TOKEN = "vercel-token-for-describe-error-77";
});
const { describeError } = await import("@/lib/describe-error");

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
  it("masks configured credentials and token shapes, since an error may quote what it was given", () => {
    const error = new Error("request failed: Authorization: Bearer abcdefghijklmnop to https://u:hunter22@api.example.com token=vercel-token-for-describe-error-77");
    const line = describeError(error);
    expect(line).toBe("request failed: Authorization: Bearer [redacted] to https://u:[redacted]@api.example.com token=[redacted]");
    expect(describeError("sk-ant-api03-abcdefghijkl leaked")).toBe("[redacted] leaked");
  });
});
