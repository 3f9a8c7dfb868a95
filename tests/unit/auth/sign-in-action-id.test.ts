import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { actionManifestPath, isSignInActionId, SIGN_IN_ACTION } from "@/lib/auth/sign-in-action-id";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const signInId = `60${"a".repeat(40)}`;
const toggleId = `40${"b".repeat(40)}`;

/** A manifest shaped like the one `next build` writes (.next/server/server-reference-manifest.json). */
function writeManifest(entries: Record<string, { filename: string; exportedName: string }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lookout-actions-"));
  dirs.push(dir);
  const file = path.join(dir, "server-reference-manifest.json");
  const node = Object.fromEntries(Object.entries(entries).map(([id, entry]) => [id, { workers: { "app/sign-in/page": { moduleId: 1, async: true } }, ...entry }]));
  fs.writeFileSync(file, JSON.stringify({ node, edge: {}, encryptionKey: "k" }));
  return file;
}

describe("isSignInActionId", () => {
  it("knows the sign-in action's id from the build's manifest, and no other", () => {
    const file = writeManifest({
      [signInId]: { filename: "app/sign-in/actions.ts", exportedName: "signInAction" },
      [`00${"c".repeat(40)}`]: { filename: "app/sign-in/actions.ts", exportedName: "signOutAction" },
      [toggleId]: { filename: "app/settings/actions.ts", exportedName: "toggleEnvelopeAction" },
      // Another file's export of the same name is not the sign-in action.
      [`40${"e".repeat(40)}`]: { filename: "app/settings/actions.ts", exportedName: "signInAction" },
    });
    expect(isSignInActionId(`40${"e".repeat(40)}`, file)).toBe(false);
    expect(isSignInActionId(signInId, file)).toBe(true);
    expect(isSignInActionId(`00${"c".repeat(40)}`, file)).toBe(false);
    expect(isSignInActionId(toggleId, file)).toBe(false);
    expect(isSignInActionId("not-an-action-id", file)).toBe(false);
  });

  it("refuses everything when there is no readable manifest", () => {
    expect(isSignInActionId(signInId, path.join(os.tmpdir(), "no-such-dir", "server-reference-manifest.json"))).toBe(false);
    const file = writeManifest({});
    fs.writeFileSync(file, "{ not json");
    expect(isSignInActionId(signInId, file)).toBe(false);
  });

  it("reads the manifest again when it changes, as next dev rewrites it, and not while it stays the same", () => {
    const file = writeManifest({ [signInId]: { filename: "app/sign-in/actions.ts", exportedName: "signInAction" } });
    const past = new Date("2026-01-01T00:00:00Z");
    fs.utimesSync(file, past, past);
    expect(isSignInActionId(signInId, file)).toBe(true);

    const rebuiltId = `60${"d".repeat(40)}`;
    fs.writeFileSync(file, JSON.stringify({ node: { [rebuiltId]: { filename: "app/sign-in/actions.ts", exportedName: "signInAction" } } }));
    // Same modification time: the answer read before still stands.
    fs.utimesSync(file, past, past);
    expect(isSignInActionId(rebuiltId, file)).toBe(false);
    // A later one: read again.
    const later = new Date("2026-01-01T00:00:05Z");
    fs.utimesSync(file, later, later);
    expect(isSignInActionId(rebuiltId, file)).toBe(true);
    expect(isSignInActionId(signInId, file)).toBe(false);
  });

  it("reads the served build's manifest: .next/dev under next dev", () => {
    expect(actionManifestPath(false, "/srv/lookout")).toBe("/srv/lookout/.next/server/server-reference-manifest.json");
    expect(actionManifestPath(true, "/srv/lookout")).toBe("/srv/lookout/.next/dev/server/server-reference-manifest.json");
    // By default, from how this process runs.
    vi.stubEnv("NODE_ENV", "development");
    expect(actionManifestPath(undefined, "/srv/lookout")).toBe("/srv/lookout/.next/dev/server/server-reference-manifest.json");
    vi.stubEnv("NODE_ENV", "production");
    expect(actionManifestPath(undefined, "/srv/lookout")).toBe("/srv/lookout/.next/server/server-reference-manifest.json");
  });

  it("names a file and export that exist, so a rename cannot silently lock everyone out", () => {
    const source = fs.readFileSync(path.join(repoRoot, SIGN_IN_ACTION.filename), "utf8");
    expect(source).toMatch(new RegExp(`^export async function ${SIGN_IN_ACTION.exportedName}\\(`, "m"));
  });
});
