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

  it("accept only a cost N that is a power of two from 2^14 to 2^20, r from 1 to 32 and p from 1 to 16", () => {
    const salt = "XKjcvZbqKhi39jFMmaKYHw";
    const key = "oOIHHYV6PWxd1vbbRXUAYkGld1mjw_MfEMPzO7wo1s4";
    const hash = (N: number, r = 8, p = 1, s = salt, k = key) => `scrypt.${N}.${r}.${p}.${s}.${k}`;
    for (const N of [2 ** 14, 2 ** 17, 2 ** 20]) expect(isPasswordHash(hash(N))).toBe(true);
    for (const N of [2 ** 13, 2 ** 21, 2 ** 14 + 2 ** 13, 0]) expect(isPasswordHash(hash(N))).toBe(false);
    for (const r of [1, 32]) expect(isPasswordHash(hash(2 ** 15, r))).toBe(true);
    for (const r of [0, 33]) expect(isPasswordHash(hash(2 ** 15, r))).toBe(false);
    for (const p of [1, 16]) expect(isPasswordHash(hash(2 ** 15, 8, p))).toBe(true);
    for (const p of [0, 17]) expect(isPasswordHash(hash(2 ** 15, 8, p))).toBe(false);
    // Salt of at least 16 and key of at least 40 base64url characters.
    expect(isPasswordHash(hash(2 ** 15, 8, 1, salt.slice(0, 16), key.slice(0, 40)))).toBe(true);
    expect(isPasswordHash(hash(2 ** 15, 8, 1, salt.slice(0, 15)))).toBe(false);
    expect(isPasswordHash(hash(2 ** 15, 8, 1, salt, key.slice(0, 39)))).toBe(false);
    expect(isPasswordHash(`${hash(2 ** 15)} `)).toBe(false);
    expect(isPasswordHash(` ${hash(2 ** 15)}`)).toBe(false);
  });

  it("verify a hash made at another allowed cost, whatever the default", async () => {
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const key = scryptSync("maya's long password 1", salt, 32, { N: 2 ** 14, r: 4, p: 2 });
    const hash = `scrypt.${2 ** 14}.4.2.${salt.toString("base64url")}.${key.toString("base64url")}`;
    expect(await verifyOperatorPassword("maya's long password 1", hash)).toBe(true);
    expect(await verifyOperatorPassword("maya's long password 2", hash)).toBe(false);
  });
});
