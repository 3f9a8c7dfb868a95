// Playwright cannot download its own browser on these machines: use Debian's chromium, installing it as root.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

export function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(path)) return { ok: true, path };
  if (process.getuid?.() !== 0) {
    return { ok: false, message: `Chromium not found at ${path}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH), then run npm test again.` };
  }
  console.log("Chromium is missing: installing Debian's chromium (apt-get, about a minute)…");
  const opts = { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  const ok = spawnSync("apt-get", ["update", "-qq"], opts).status === 0 && spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], opts).status === 0;
  return ok && fs.existsSync(path) ? { ok: true, path } : { ok: false, message: `Installing chromium failed; run apt-get install -y chromium by hand.` };
}
