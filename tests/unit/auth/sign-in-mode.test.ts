import { describe, expect, it } from "vitest";
import { isConfiguredOperator, signInMode } from "@/lib/auth/sign-in-mode";

const hash = "scrypt.32768.8.1.XKjcvZbqKhi39jFMmaKYHw.oOIHHYV6PWxd1vbbRXUAYkGld1mjw_MfEMPzO7wo1s4";
const base = { LOOKOUT_OPERATOR_NAME: "operator", LOOKOUT_OPERATOR_PASSWORD: undefined, LOOKOUT_OPERATORS: [] as { name: string; hash: string }[] };

describe("who may sign in, and who may keep a session", () => {
  it("a one-time token, the one password, or named operators", () => {
    expect(signInMode(base)).toBe("token");
    expect(signInMode({ ...base, LOOKOUT_OPERATOR_PASSWORD: "a-password-123" })).toBe("password");
    expect(signInMode({ ...base, LOOKOUT_OPERATORS: [{ name: "maya", hash }] })).toBe("named");
  });

  it("keeps only the operators the configuration names now", () => {
    expect(isConfiguredOperator(base, "operator")).toBe(true);
    expect(isConfiguredOperator(base, "maya")).toBe(false);
    const named = { ...base, LOOKOUT_OPERATORS: [{ name: "maya", hash }] };
    expect(isConfiguredOperator(named, "maya")).toBe(true);
    // Removed from the list, or the single operator without its password: no longer anyone's session.
    expect(isConfiguredOperator(named, "sam")).toBe(false);
    expect(isConfiguredOperator(named, "operator")).toBe(false);
    expect(isConfiguredOperator({ ...named, LOOKOUT_OPERATOR_PASSWORD: "a-password-123" }, "operator")).toBe(true);
  });
});
