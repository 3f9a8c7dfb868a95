import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The two Prisma schemas must declare the same models: lib/db/postgres.ts hands out the PostgreSQL client
// under the SQLite client's type. Only comments and native type attributes (@db.*) may differ.

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const sqlite = read("prisma/schema.prisma");
const postgres = read("prisma/postgres/schema.prisma");

/** Each model and enum block by name, its body as written. */
function blocks(schema: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of schema.matchAll(/^(model|enum)\s+(\w+)\s*\{([^}]*)\}/gm)) found.set(`${match[1]} ${match[2]}`, match[3]!);
  return found;
}

/** A block's body without comments or @db.* attributes, one field per line, single spaces. */
function normalize(body: string): string {
  return body
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").replace(/@db\.\w+(\([^)]*\))?/g, "").replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("declare the same models and enums, field for field", () => {
    const mine = blocks(sqlite);
    const theirs = blocks(postgres);
    expect(mine.size).toBeGreaterThan(10);
    expect([...theirs.keys()].sort()).toEqual([...mine.keys()].sort());
    for (const [name, body] of mine) expect(normalize(theirs.get(name)!), name).toBe(normalize(body));
  });

  it("store every PostgreSQL DateTime as timestamptz with millisecond precision, as SQLite keeps it", () => {
    const dateTimes = postgres.split("\n").filter((line) => /^\s*\w+\s+DateTime\??(\s|$)/.test(line.replace(/\/\/.*$/, "")));
    expect(dateTimes.length).toBeGreaterThan(10);
    for (const line of dateTimes) expect(line, line.trim()).toMatch(/@db\.Timestamptz\(3\)/);
  });
});
