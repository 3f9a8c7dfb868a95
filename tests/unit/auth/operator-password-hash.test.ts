import { describe, expect, it } from "vitest";
import { hashOperatorPassword, isPasswordHash, verifyOperatorPassword } from "@/lib/auth/operator-password-hash";

describe("named operators' password hashes", () => {
  it("verify the password they were made from, and nothing else", async () => {
    const hash = await hashOperatorPassword("maya's long password 1");
    expect(hash).toMatch(/^scrypt\.32768\.8\.1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain("maya's long password 1");
    expect(await verifyOperatorPassword("maya's long password 1", hash)).toBe(true);
    expect(await verifyOperatorPassword("maya's long password 2", hash)).toBe(false);
    expect(await verifyOperatorPassword("", hash)).toBe(false);
  });

  it("are salted: the same password hashes differently each time", async () => {
    expect(await hashOperatorPassword("same password twice")).not.toBe(await hashOperatorPassword("same password twice"));
  });

  it.each([
    ["a plain password", "correct-horse-battery"],
    ["a shell-style hash", "$scrypt$32768$8$1$abc$def"],
    ["a weakened cost", "scrypt.1024.8.1.XKjcvZbqKhi39jFMmaKYHw.oOIHHYV6PWxd1vbbRXUAYkGld1mjw_MfEMPzO7wo1s4"],
    ["a cost that is not a power of two", "scrypt.30000.8.1.XKjcvZbqKhi39jFMmaKYHw.oOIHHYV6PWxd1vbbRXUAYkGld1mjw_MfEMPzO7wo1s4"],
    ["a truncated key", "scrypt.32768.8.1.XKjcvZbqKhi39jFMmaKYHw.oOIHHYV6"],
  ])("refuse %s as a hash, and never verify against it", async (_name, value) => {
    expect(isPasswordHash(value)).toBe(false);
    expect(await verifyOperatorPassword("correct-horse-battery", value)).toBe(false);
  });
});
