// Builds the app only when the sources changed since the last build, so `npm start` is fast after the first run.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const inputs = ["app", "components", "lib", "public", "instrumentation.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const stampFile = path.join(".next", "lookout-source-stamp");

function* walk(entry) {
  if (!fs.existsSync(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isFile()) return yield [entry, stat];
  for (const name of fs.readdirSync(entry).sort()) {
    if (name === "generated" || name === "node_modules") continue;
    yield* walk(path.join(entry, name));
  }
}

export function sourceStamp() {
  const hash = createHash("sha256");
  for (const input of inputs) for (const [file, stat] of walk(input)) hash.update(`${file}:${stat.size}:${stat.mtimeMs}\n`);
  return hash.digest("hex");
}

/** `stdio` lets callers whose stdout is data (the benchmarks) send build output to stderr. */
export function buildIfNeeded(env = process.env, stdio = "inherit") {
  const stamp = sourceStamp();
  const fresh = fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
  if (fresh) return true;
  console.error("[lookout] building the app (sources changed since the last build)…");
  const build = spawnSync("npx", ["next", "build"], { stdio, env: { NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (build.status !== 0) return false;
  fs.writeFileSync(stampFile, stamp);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(buildIfNeeded() ? 0 : 1);
