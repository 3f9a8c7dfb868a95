import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow, type HashableAuditRow } from "@/lib/audit/audit-hash";
import { chainAuditRows } from "@/lib/audit/chain-audit-rows";

const row: HashableAuditRow = {
  id: 7,
  seam: "envelope.toggled",
  sessionId: null,
  probe: "fly",
  actor: "operator",
  details: '{"before":false,"after":true}',
  createdAt: "2026-11-25T14:00:00.000Z",
};
const prev = "a".repeat(64);

describe("hashAuditRow", () => {
  it("is a stable sha256 hex digest of the row and its predecessor", () => {
    const hash = hashAuditRow(row, prev);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow({ ...row }, prev)).toBe(hash);
    // Pinned: a change to the serialization would orphan every stored hash, so it must be deliberate.
    expect(hash).toBe("077fcefae779129726428d3b969795e03423384968bdc91b525f55718e2aa027");
  });

  it.each([
    ["id", { id: 8 }],
    ["seam", { seam: "probe.wake_requested" }],
    ["sessionId", { sessionId: "probe:fly:x" }],
    ["probe", { probe: "vercel" }],
    ["actor", { actor: "mallory" }],
    ["details", { details: '{"before":false,"after":false}' }],
    ["details whitespace", { details: '{"before":false, "after":true}' }],
    ["createdAt", { createdAt: "2026-11-25T14:00:00.001Z" }],
  ] as const)("changes when %s changes", (_field, change) => {
    expect(hashAuditRow({ ...row, ...change }, prev)).not.toBe(hashAuditRow(row, prev));
  });

  it("changes with prevHash", () => {
    expect(hashAuditRow(row, GENESIS_HASH)).not.toBe(hashAuditRow(row, prev));
  });

  it("keeps null apart from the string 'null' and from an empty string", () => {
    const hashes = [null, "null", ""].map((sessionId) => hashAuditRow({ ...row, sessionId }, prev));
    expect(new Set(hashes).size).toBe(3);
  });

  it("is unambiguous where fields meet", () => {
    expect(hashAuditRow({ ...row, seam: "a,b", actor: "c" }, prev)).not.toBe(hashAuditRow({ ...row, seam: "a", actor: "b,c" }, prev));
  });
});

describe("chainAuditRows", () => {
  const input = (n: number) => ({ ...row, details: `{"n":${n}}`, createdAt: new Date(Date.UTC(2026, 10, 25, 14, 0, n)) });

  it("starts an empty log at id 1 from the genesis hash and links each row to the one before", () => {
    const [a, b] = chainAuditRows(null, [input(1), input(2)]);
    expect(a).toMatchObject({ id: 1, prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ id: 2, prevHash: a!.hash });
    expect(a!.hash).toBe(hashAuditRow({ ...input(1), id: 1, createdAt: "2026-11-25T14:00:01.000Z" }, GENESIS_HASH));
  });

  it("continues after the newest row, and from genesis after a row that predates the chain", () => {
    expect(chainAuditRows({ id: 41, hash: prev }, [input(1)])[0]).toMatchObject({ id: 42, prevHash: prev });
    expect(chainAuditRows({ id: 41, hash: null }, [input(1)])[0]).toMatchObject({ id: 42, prevHash: GENESIS_HASH });
  });
});
