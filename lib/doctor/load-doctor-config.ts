import { createRequire } from "node:module";
import { config as loadDotenv } from "dotenv";
import { EnvError, parseEnv, type Env } from "@/lib/env";
import { listOutputCredentials } from "@/lib/doctor/redact-output";

// The doctor reads the configuration the way `npm start` does: scripts/start.mjs loads `.env` with
// dotenv, then `next start` adds `.env.production.local`, `.env.local` and `.env.production` through
// @next/env. Neither overrides a variable that is already set, so the same value wins in both.

type Log = { info: (...args: unknown[]) => void; error: (...args: unknown[]) => void };
type NextEnv = { loadEnvConfig(dir: string, dev?: boolean, log?: Log): unknown };

/** Next's own loader, resolved from next's package so it is the copy `next start` uses. */
function requireNextEnv(): NextEnv {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve("next/package.json"))("@next/env") as NextEnv;
}

/** Loads the `.env` files of `dir` into process.env; returns what could not be read (file names, no values). */
export function loadEnvFiles(dir: string): string[] {
  const warnings: string[] = [];
  const loaded = loadDotenv({ path: `${dir}/.env`, quiet: true });
  const code = (loaded.error as { code?: unknown } | undefined)?.code;
  if (loaded.error && code !== "ENOENT") warnings.push(`could not read ${dir}/.env: ${String(code ?? loaded.error.name)}`);
  requireNextEnv().loadEnvConfig(dir, false, {
    info: () => {},
    // @next/env passes the file name first, then the error: only the name is kept.
    error: (...args: unknown[]) => warnings.push(String(args[0]).split("\n")[0] ?? "could not read an .env file"),
  });
  return warnings;
}

export type DoctorConfig =
  | { ok: true; env: Env; credentials: string[] }
  | { ok: false; problems: string[]; credentials: string[] };

/** Validates the configuration exactly as the server does; problems name variables, never their values. */
export function readDoctorConfig(source: Record<string, string | undefined>): DoctorConfig {
  try {
    const env = parseEnv(source);
    return { ok: true, env, credentials: listOutputCredentials(source, env) };
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return { ok: false, problems: error.problems, credentials: listOutputCredentials(source, null) };
  }
}
