import { describe, expect, it } from "vitest";
import { createSignInReminder, describeReplaced, describeSignIn, REMINDER_CYCLES } from "@/lib/demo/sign-in-reminder";

const cycleLine = (n: number) => `[lookout] probe cycle c${n} (scheduler) in 120 ms: 5 healthy`;

describe("the demo's sign-in lines", () => {
  it("print a password the demo made up, and never one the operator exported", () => {
    expect(describeSignIn("http://localhost:4000", "demo-abc", false)).toBe("[demo] sign in at http://localhost:4000/sign-in with the password demo-abc");
    const own = describeSignIn("http://localhost:4000", "my-own-password-1", true);
    expect(own).toBe("[demo] sign in at http://localhost:4000/sign-in with the password you set (LOOKOUT_OPERATOR_PASSWORD)");
    expect(own).not.toContain("my-own-password-1");
  });

  it("name the replaced variables on one line, or say nothing", () => {
    expect(describeReplaced([])).toBeNull();
    expect(describeReplaced(["FLY_API_TOKEN", "SENTRY_AUTH_TOKEN"])).toMatch(/^\[demo\] replaced your exported FLY_API_TOKEN, SENTRY_AUTH_TOKEN with /);
  });

  it("repeat the sign-in banner after each of the first three cycles, and then stop", () => {
    const signIn = describeSignIn("http://localhost:3000", "demo-abc", false);
    const remind = createSignInReminder(signIn);
    expect(REMINDER_CYCLES).toBe(3);
    expect(remind("[lookout] database is up to date")).toEqual([]);
    for (let n = 1; n <= 3; n++) {
      const banner = remind(cycleLine(n));
      expect(banner).toHaveLength(3);
      expect(banner[1]).toBe(signIn);
      expect(banner[0]).toMatch(/^\[demo\] ─+$/);
      expect(remind("[lookout] wakes: 1 investigated")).toEqual([]);
    }
    expect(remind(cycleLine(4))).toEqual([]);
    expect(remind(cycleLine(5))).toEqual([]);
  });
});
