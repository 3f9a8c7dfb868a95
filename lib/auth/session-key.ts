import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

/** Where the generated signing key lives: beside the database, readable by its owner only. */
export function sessionKeyFile(databaseUrl: string): string {
  // Only a SQLite file has a "beside"; a server database is shared by instances that share no disk.
  if (!databaseUrl.startsWith("file:")) {
    throw new Error("LOOKOUT_SESSION_SECRET is not set, and only a SQLite DATABASE_URL has a directory to keep a generated session key in: set LOOKOUT_SESSION_SECRET (at least 32 characters, e.g. openssl rand -base64 32), the same on every instance.");
  }
  return path.join(path.dirname(path.resolve(databaseUrl.replace(/^file:/, ""))), "lookout-session.key");
}

const cache = new Map<string, Uint8Array>();

/**
 * The key that signs session cookies: LOOKOUT_SESSION_SECRET when set, otherwise a random key generated
 * once into a file next to the database, so sessions survive a restart without a secret in the database.
 */
export function getSessionKey(env: Pick<Env, "DATABASE_URL" | "LOOKOUT_SESSION_SECRET">): Uint8Array {
  if (env.LOOKOUT_SESSION_SECRET) return new TextEncoder().encode(env.LOOKOUT_SESSION_SECRET);
  const file = sessionKeyFile(env.DATABASE_URL);
  const known = cache.get(file);
  if (known) return known;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under a private name, then linked into place: a process starting at the same moment
  // either links first or finds the finished file, never a half-written one; both then read the same key.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(draft, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  try {
    fs.linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
  const key = new TextEncoder().encode(fs.readFileSync(file, "utf8").trim());
  if (key.length < 32) throw new Error(`The session key file ${file} is shorter than 32 bytes; delete it and restart Lookout.`);
  cache.set(file, key);
  return key;
}
