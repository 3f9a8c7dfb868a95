// The instances project runs `next start` itself, so it needs the production build: made here only when
// the sources changed since the last one (scripts/test.mjs has usually just made it).
import { buildIfNeeded } from "../../scripts/build-if-needed.mjs";

export default function setup() {
  if (!buildIfNeeded({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" })) throw new Error("next build failed: the instances project needs a production build");
}
