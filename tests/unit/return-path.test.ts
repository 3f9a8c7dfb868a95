import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPath } from "@/lib/auth/return-path";

describe("where sign-in goes afterwards", () => {
  it.each(["/", "/settings", "/audit?seam=envelope.toggled&probe=fly", "/investigations/cm3abc", "/sign-in-help", "/settings/sign-in"])("keeps a path on this site: %s", (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    ["another origin", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/settings"],
    ["a backslash trick", "/\\evil.example"],
    ["a backslash later on", "/settings\\..\\x"],
    ["a control character", "/settings\r\nSet-Cookie: x=1"],
    ["a relative path", "settings"],
    ["the sign-in page itself", "/sign-in?next=/settings"],
    ["the bare sign-in page", "/sign-in"],
    ["a page under sign-in", "/sign-in/callback"],
    ["nothing", null],
    ["something absurdly long", `/${"a".repeat(3000)}`],
  ])("falls back to the dashboard for %s", (_name, raw) => {
    expect(safeReturnPath(raw)).toBe("/");
  });

  it("keeps a path of up to 2048 characters, and no longer", () => {
    const path = `/${"a".repeat(2047)}`;
    expect(safeReturnPath(path)).toBe(path);
    expect(safeReturnPath(`${path}a`)).toBe("/");
  });

  it("encodes the way back into the sign-in URL, and leaves it out for the dashboard", () => {
    expect(signInPath("/audit?seam=operator.signed_in")).toBe("/sign-in?next=%2Faudit%3Fseam%3Doperator.signed_in");
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("//evil.example")).toBe("/sign-in");
  });
});
