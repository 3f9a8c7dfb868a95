import fs from "node:fs";
import path from "node:path";

// Next names each server action by an id that only its build knows, and runs any id a POST to a page
// carries, forwarding one the page does not hold to the page that does. The build's manifest says which
// file and export each id is, so the proxy can tell the sign-in action from every other id.

/** The one action that runs without a session (app/sign-in/actions.ts). */
export const SIGN_IN_ACTION = { filename: "app/sign-in/actions.ts", exportedName: "signInAction" } as const;

/** The manifest of the build being served: `next dev` builds into .next/dev. */
export function actionManifestPath(development = process.env.NODE_ENV === "development", root = process.cwd()): string {
  return path.join(root, ".next", ...(development ? ["dev"] : []), "server", "server-reference-manifest.json");
}

interface ActionManifest {
  node?: Record<string, { filename?: string; exportedName?: string }>;
}

// `next dev` rewrites the manifest as it compiles pages, so it is read again whenever it changes.
let cached: { file: string; mtimeMs: number; ids: Set<string> } | undefined;

function readSignInIds(file: string): Set<string> {
  const { mtimeMs } = fs.statSync(file);
  if (cached?.file === file && cached.mtimeMs === mtimeMs) return cached.ids;
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as ActionManifest;
  const ids = new Set(
    Object.entries(manifest.node ?? {})
      .filter(([, entry]) => entry.filename === SIGN_IN_ACTION.filename && entry.exportedName === SIGN_IN_ACTION.exportedName)
      .map(([id]) => id),
  );
  cached = { file, mtimeMs, ids };
  return ids;
}

/** Whether a `Next-Action` id is the sign-in action's; false when the manifest cannot be read (refused, not guessed). */
export function isSignInActionId(id: string, file = actionManifestPath()): boolean {
  try {
    return readSignInIds(file).has(id);
  } catch {
    return false;
  }
}
