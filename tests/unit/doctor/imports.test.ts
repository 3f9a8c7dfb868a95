import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The doctor must not open the database, and must not even load the AI SDK unless asked to: both are
// properties of what it imports, so they are checked on the import graph from the script itself.

const repo = path.resolve(import.meta.dirname, "../../..");
const staticImport = /^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;
const dynamicImport = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(repo, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (base === null) return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

/** Every local file and package reachable from `entry`, following dynamic imports only when asked. */
function walkImports(entry: string, { dynamic }: { dynamic: boolean }) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = fs.readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(staticImport), ...(dynamic ? source.matchAll(dynamicImport) : [])].map((m) => m[1]!);
    for (const specifier of specifiers) {
      const local = resolveLocal(file, specifier);
      if (local) pending.push(local);
      else if (!specifier.startsWith(".") && !specifier.startsWith("@/")) packages.add(specifier);
    }
  }
  return { files: [...files].map((f) => path.relative(repo, f)), packages: [...packages] };
}

const entry = path.join(repo, "scripts/doctor.ts");

describe("what npm run doctor imports", () => {
  it("never reaches the database client, even through a dynamic import", () => {
    const { files, packages } = walkImports(entry, { dynamic: true });
    expect(files).toContain("lib/probes/registry.ts");
    expect(files).toContain("lib/investigate/create-anthropic-client.ts");
    expect(files.filter((f) => f === "lib/db.ts" || f.startsWith("lib/db/") || f.startsWith("lib/generated/"))).toEqual([]);
    expect(packages.filter((p) => p.includes("prisma") || p === "better-sqlite3")).toEqual([]);
  });

  it("loads the Anthropic SDK only through the --ai path", () => {
    const { files, packages } = walkImports(entry, { dynamic: false });
    expect(files).toContain("lib/doctor/check-anthropic.ts");
    expect(packages).toContain("@slack/web-api");
    expect(packages).not.toContain("@anthropic-ai/sdk");
  });
});
