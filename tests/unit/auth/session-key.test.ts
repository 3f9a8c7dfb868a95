import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getSessionKey, sessionKeyFile } from "@/lib/auth/session-key";

const dirs: string[] = [];
function tempDatabaseUrl(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lookout-key-"));
  dirs.push(dir);
  return `file:${path.join(dir, "lookout.db")}`;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the session signing key", () => {
  it("is generated once beside the database, readable by its owner only, and the same on every read", () => {
    const url = tempDatabaseUrl();
    const key = getSessionKey({ DATABASE_URL: url, LOOKOUT_SESSION_SECRET: undefined });
    const file = sessionKeyFile(url);
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new TextDecoder().decode(key)).toBe(fs.readFileSync(file, "utf8").trim());
    // No draft file is left behind.
    expect(fs.readdirSync(path.dirname(file))).toEqual(["lookout-session.key"]);
  });

  it("is kept when another process wrote it first", () => {
    const url = tempDatabaseUrl();
    fs.writeFileSync(sessionKeyFile(url), "k".repeat(43), { mode: 0o600 });
    expect(new TextDecoder().decode(getSessionKey({ DATABASE_URL: url, LOOKOUT_SESSION_SECRET: undefined }))).toBe("k".repeat(43));
  });

  it("is LOOKOUT_SESSION_SECRET when that is set, and then no file is written", () => {
    const url = tempDatabaseUrl();
    const secret = "s".repeat(40);
    expect(new TextDecoder().decode(getSessionKey({ DATABASE_URL: url, LOOKOUT_SESSION_SECRET: secret }))).toBe(secret);
    expect(fs.existsSync(sessionKeyFile(url))).toBe(false);
  });

  it("refuses a truncated key file rather than sign with a weak key", () => {
    const url = tempDatabaseUrl();
    fs.writeFileSync(sessionKeyFile(url), "short");
    expect(() => getSessionKey({ DATABASE_URL: url, LOOKOUT_SESSION_SECRET: undefined })).toThrow(/shorter than 32 bytes; delete it/);
  });

  it("takes a key file's content without the newline an editor adds, and accepts exactly 32 bytes", () => {
    const url = tempDatabaseUrl();
    fs.writeFileSync(sessionKeyFile(url), `${"k".repeat(32)}\n`);
    expect(new TextDecoder().decode(getSessionKey({ DATABASE_URL: url, LOOKOUT_SESSION_SECRET: undefined }))).toBe("k".repeat(32));
    const shorter = tempDatabaseUrl();
    fs.writeFileSync(sessionKeyFile(shorter), `${"k".repeat(31)}\n`);
    expect(() => getSessionKey({ DATABASE_URL: shorter, LOOKOUT_SESSION_SECRET: undefined })).toThrow(/shorter than 32 bytes/);
  });

  it("lives beside the database file, whatever else the path holds", () => {
    expect(sessionKeyFile("file:/srv/lookout/data/lookout.db")).toBe("/srv/lookout/data/lookout-session.key");
    expect(sessionKeyFile("file:/srv/file:odd/lookout.db")).toBe("/srv/file:odd/lookout-session.key");
  });

  it("is read once per file: a key file replaced under a running server does not change its key", () => {
    const url = tempDatabaseUrl();
    const first = new TextDecoder().decode(getSessionKey({ DATABASE_URL: url, LOOKOUT_SESSION_SECRET: undefined }));
    fs.writeFileSync(sessionKeyFile(url), "r".repeat(43));
    expect(new TextDecoder().decode(getSessionKey({ DATABASE_URL: url, LOOKOUT_SESSION_SECRET: undefined }))).toBe(first);
  });

  describe("on PostgreSQL", () => {
    const postgresUrl = "postgresql://lookout:pg-password-do-not-print@db.internal:5432/lookout";
    const fileCalls = () =>
      (["writeFileSync", "mkdirSync", "linkSync", "readFileSync"] as const).map((name) =>
        vi.spyOn(fs, name as "mkdirSync").mockImplementation(() => {
          throw new Error(`touched the disk: ${name}`);
        }),
      );

    it("is LOOKOUT_SESSION_SECRET, and nothing is written or read on disk", () => {
      const calls = fileCalls();
      const secret = "p".repeat(40);
      expect(new TextDecoder().decode(getSessionKey({ DATABASE_URL: postgresUrl, LOOKOUT_SESSION_SECRET: secret }))).toBe(secret);
      for (const call of calls) expect(call).not.toHaveBeenCalled();
    });

    it("without a secret, names LOOKOUT_SESSION_SECRET instead of deriving a file from the URL", () => {
      const calls = fileCalls();
      const attempt = () => getSessionKey({ DATABASE_URL: postgresUrl, LOOKOUT_SESSION_SECRET: undefined });
      expect(attempt).toThrow(/LOOKOUT_SESSION_SECRET is not set.*set LOOKOUT_SESSION_SECRET \(at least 32 characters/);
      expect(() => sessionKeyFile(postgresUrl)).toThrow(/LOOKOUT_SESSION_SECRET/);
      expect(() => attempt()).not.toThrow(/pg-password-do-not-print/);
      for (const call of calls) expect(call).not.toHaveBeenCalled();
    });
  });
});
