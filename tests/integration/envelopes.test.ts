import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { envelopes } from "@/lib/envelopes/envelopes";
import { getEnvelopeStates } from "@/lib/envelopes/get-envelope-states";
import { isEnvelopeEnabled, loadEnvelopeSwitches } from "@/lib/envelopes/is-envelope-enabled";
import type { ProbeName } from "@/lib/probes/types";
import { toggleEnvelope } from "@/lib/envelopes/toggle-envelope";
import { UserFacingError } from "@/lib/errors";
import { probeNames } from "@/lib/probes/types";
import { injectWriteFault } from "../helpers/db-faults";
import { databaseEnv } from "../helpers/lookout-env";

const env = parseEnv(databaseEnv());
const killed = parseEnv({ ...databaseEnv(), LOOKOUT_AUTOFIX_KILL_SWITCH: "true" });
const written = async () => ({ settings: await db.envelopeSetting.count(), audit: await db.auditEvent.count() });

beforeEach(async () => {
  await db.envelopeSetting.deleteMany();
});

describe("fix envelopes", () => {
  it("are all OFF by default", async () => {
    for (const probe of probeNames) expect(await isEnvelopeEnabled(probe, { db, env })).toBe(false);
    const states = await getEnvelopeStates({ db, env });
    expect(states.map((s) => [s.probe, s.enabled, s.effective, s.lastChangedBy])).toEqual(probeNames.map((p) => [p, false, false, null]));
  });

  it("declare exactly one fix, fly's single-machine restart, with its capability", () => {
    const withFix = Object.entries(envelopes).filter(([, e]) => e.fix !== null);
    expect(withFix).toEqual([["fly", expect.objectContaining({ fix: "restart_unhealthy_machine", capability: "probe_autofix_fly_restart" })]]);
    for (const e of Object.values(envelopes)) expect(e.rationale.length).toBeGreaterThan(20);
  });

  it("refuse to enable a 'none' envelope, with a clear message and nothing written", async () => {
    const before = await written();
    for (const probe of ["supabase", "vercel", "sentry", "doppler"] as const) {
      const attempt = toggleEnvelope({ probe, enabled: true }, { actor: "operator", db });
      await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
      await expect(toggleEnvelope({ probe, enabled: true }, { actor: "operator", db })).rejects.toThrow(/has no fix envelope/);
    }
    expect(await written()).toEqual(before);
  });

  it("turn on and off with one audit row per change, recording actor, before -> after and reason", async () => {
    const before = await db.auditEvent.count();
    expect(await toggleEnvelope({ probe: "fly", enabled: true, reason: "night shift" }, { actor: "operator", db })).toMatchObject({ before: false, after: true, changed: true });
    expect(await isEnvelopeEnabled("fly", { db, env })).toBe(true);
    expect(await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db })).toMatchObject({ changed: false });
    await toggleEnvelope({ probe: "fly", enabled: false }, { actor: "operator", db });
    expect(await isEnvelopeEnabled("fly", { db, env })).toBe(false);

    const rows = await db.auditEvent.findMany({ where: { id: { gt: 0 }, seam: "envelope.toggled" }, orderBy: { id: "asc" } });
    const mine = rows.slice(-2);
    expect(await db.auditEvent.count()).toBe(before + 2);
    expect(mine.map((r) => [r.actor, r.probe, JSON.parse(r.details)])).toEqual([
      ["operator", "fly", { probe: "fly", fix: "restart_unhealthy_machine", before: false, after: true, reason: "night shift" }],
      ["operator", "fly", { probe: "fly", fix: "restart_unhealthy_machine", before: true, after: false, reason: null }],
    ]);
  });

  it("lose to the kill switch, whatever the database says", async () => {
    await toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db });
    expect(await isEnvelopeEnabled("fly", { db, env })).toBe(true);
    expect(await isEnvelopeEnabled("fly", { db, env: killed })).toBe(false);
    const fly = (await getEnvelopeStates({ db, env: killed })).find((s) => s.probe === "fly");
    expect(fly).toMatchObject({ enabled: true, effective: false, killSwitch: true });
  });

  it("never change state without their audit row: both commit or neither does", async () => {
    const lift = await injectWriteFault(db, { name: "fail_audit", table: "AuditEvent", operation: "INSERT", message: "audit unavailable" });
    try {
      await expect(toggleEnvelope({ probe: "fly", enabled: true }, { actor: "operator", db })).rejects.toThrow();
      expect(await db.envelopeSetting.count()).toBe(0);
      expect(await isEnvelopeEnabled("fly", { db, env })).toBe(false);
    } finally {
      await lift();
    }
  });

  it("read ON only where a fix exists, even when a row saying otherwise was written by hand", async () => {
    await db.envelopeSetting.createMany({
      data: [
        { probe: "fly", enabled: true, updatedBy: "maya", updatedAt: new Date("2026-11-01T08:00:00Z") },
        { probe: "supabase", enabled: true, updatedBy: "sql console", updatedAt: new Date("2026-11-01T08:00:00Z") },
      ],
    });
    expect(await isEnvelopeEnabled("supabase", { db, env })).toBe(false);
    expect(await loadEnvelopeSwitches({ db, env })).toEqual({ supabase: false, fly: true, vercel: false, sentry: false, doppler: false });
    expect(await loadEnvelopeSwitches({ db, env: killed })).toEqual({ supabase: false, fly: false, vercel: false, sentry: false, doppler: false });

    const states = await getEnvelopeStates({ db, env });
    expect(states.find((s) => s.probe === "supabase")).toMatchObject({ enabled: false, effective: false, lastChangedBy: "sql console" });
    expect(states.find((s) => s.probe === "fly")).toMatchObject({
      enabled: true,
      effective: true,
      killSwitch: false,
      lastChangedBy: "maya",
      lastChangedAt: "2026-11-01T08:00:00.000Z",
    });
  });

  it("fail closed for a probe Lookout does not know", async () => {
    // The column takes any name: only Lookout's reading decides what a row for an unknown probe means.
    await db.envelopeSetting.create({ data: { probe: "heroku", enabled: true, updatedBy: "sql console", updatedAt: new Date(0) } });
    expect(await isEnvelopeEnabled("heroku" as ProbeName, { db, env })).toBe(false);
    expect(Object.keys(await loadEnvelopeSwitches({ db, env }))).toEqual([...probeNames]);
  });

  it("obey the kill switch without reading the database, so it holds when the database does not answer", async () => {
    const unreachable = {
      envelopeSetting: {
        findUnique: () => Promise.reject(new Error("database unreachable")),
        findMany: () => Promise.reject(new Error("database unreachable")),
      },
    } as unknown as typeof db;
    expect(await isEnvelopeEnabled("fly", { db: unreachable, env: killed })).toBe(false);
    await expect(isEnvelopeEnabled("fly", { db: unreachable, env })).rejects.toThrow("database unreachable");
  });
});
