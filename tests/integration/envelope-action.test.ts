import { revalidatePath } from "next/cache";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { toggleEnvelopeAction } from "@/app/settings/actions";
import { db } from "@/lib/db";
import { signInForTest } from "../helpers/operator-session";

// revalidatePath and cookies need a Next request to attach to; outside one they throw, so only those
// are replaced. The session behind the cookie is real: a signed token and its row in this database.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const jar = vi.hoisted(() => {
  process.env.LOOKOUT_OPERATOR_NAME = "alice";
  return { token: undefined as string | undefined };
});
vi.mock("next/headers", async () => (await import("../helpers/operator-session")).fakeNextHeaders(jar));

beforeAll(async () => {
  jar.token = (await signInForTest("alice")).token;
});

// The settings toggle's server action, called as the browser would: valid changes write the setting
// and one audit row together; a "none" envelope and every malformed payload write nothing at all.
// Tests share this file's database and audit rows cannot be deleted, so each test sets the state it
// needs and asserts on deltas.

async function countRows() {
  const [audit, settings] = await Promise.all([db.auditEvent.count(), db.envelopeSetting.count()]);
  return { audit, settings };
}

async function setFly(enabled: boolean) {
  const result = await toggleEnvelopeAction({ probe: "fly", enabled });
  expect(result.ok).toBe(true);
}

function newestAuditRow() {
  return db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
}

describe("toggleEnvelopeAction", () => {
  beforeEach(async () => {
    await setFly(false);
    vi.mocked(revalidatePath).mockClear();
  });

  it("enables the fly envelope and records who, before, after and why", async () => {
    const before = await countRows();
    const result = await toggleEnvelopeAction({ probe: "fly", enabled: true, reason: "  machines wedge after deploys  " });

    expect(result).toEqual({ ok: true, data: { probe: "fly", before: false, after: true, changed: true } });
    const setting = await db.envelopeSetting.findUniqueOrThrow({ where: { probe: "fly" } });
    // Who: the signed-in operator, from the session, never from the payload.
    expect(setting).toMatchObject({ enabled: true, updatedBy: "alice" });
    expect((await countRows()).audit).toBe(before.audit + 1);
    const row = await newestAuditRow();
    expect(row).toMatchObject({ seam: "envelope.toggled", actor: "alice", probe: "fly", sessionId: null });
    expect(JSON.parse(row.details)).toMatchObject({ probe: "fly", before: false, after: true, reason: "machines wedge after deploys" });
    expect(revalidatePath).toHaveBeenCalledWith("/settings");
  });

  it("disables it again with a second row, true → false", async () => {
    await setFly(true);
    const before = await countRows();
    const result = await toggleEnvelopeAction({ probe: "fly", enabled: false });

    expect(result).toEqual({ ok: true, data: { probe: "fly", before: true, after: false, changed: true } });
    expect(await db.envelopeSetting.findUniqueOrThrow({ where: { probe: "fly" } })).toMatchObject({ enabled: false });
    expect(await countRows()).toEqual({ ...before, audit: before.audit + 1 });
    const row = await newestAuditRow();
    expect(row).toMatchObject({ seam: "envelope.toggled", actor: "alice", probe: "fly" });
    expect(JSON.parse(row.details)).toMatchObject({ before: true, after: false, reason: null });
  });

  it("writes nothing when the envelope is already in the asked state", async () => {
    await setFly(true);
    const before = await countRows();
    const setting = await db.envelopeSetting.findUniqueOrThrow({ where: { probe: "fly" } });

    const result = await toggleEnvelopeAction({ probe: "fly", enabled: true, reason: "again" });

    expect(result).toEqual({ ok: true, data: { probe: "fly", before: true, after: true, changed: false } });
    expect(await countRows()).toEqual(before);
    expect(await db.envelopeSetting.findUniqueOrThrow({ where: { probe: "fly" } })).toEqual(setting);
  });

  it("refuses to enable a probe that has no fix envelope, with 422 and a clear message", async () => {
    const before = await countRows();
    const result = await toggleEnvelopeAction({ probe: "supabase", enabled: true, reason: "please" });

    expect(result).toMatchObject({ ok: false, status: 422 });
    if (result.ok) throw new Error("unreachable");
    expect(result.error).toMatch(/Supabase has no fix envelope/);
    expect(await countRows()).toEqual(before);
    expect(await db.envelopeSetting.findUnique({ where: { probe: "supabase" } })).toBeNull();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  const formData = new FormData();
  formData.set("probe", "fly");
  formData.set("enabled", "true");

  it.each([
    ["an unknown probe", { probe: "heroku", enabled: true }, /probe: Invalid option/],
    ["enabled as a string", { probe: "fly", enabled: "true" }, /enabled: .*expected boolean/],
    ["a missing enabled", { probe: "fly" }, /enabled: .*expected boolean/],
    ["an extra field naming the actor", { probe: "fly", enabled: true, actor: "root" }, /Unrecognized key: "actor"/],
    ["a FormData", formData, /Unrecognized keys/],
    ["null", null, /expected object/],
    ["an array", [{ probe: "fly", enabled: true }], /expected object/],
    ["a 10 KB reason", { probe: "fly", enabled: true, reason: "x".repeat(10_240) }, /reason must be at most 500 characters/],
  ])("refuses %s with 400 and writes nothing", async (_name, payload, message) => {
    const before = await countRows();
    const result = await toggleEnvelopeAction(payload);

    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok) throw new Error("unreachable");
    expect(result.error).toMatch(/^Invalid request/);
    expect(result.error).toMatch(message);
    expect(await countRows()).toEqual(before);
    expect(await db.envelopeSetting.findUniqueOrThrow({ where: { probe: "fly" } })).toMatchObject({ enabled: false });
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});
