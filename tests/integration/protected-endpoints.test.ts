import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { revokeOperatorSession } from "@/lib/auth/operator-sessions";
import { db } from "@/lib/db";
import { dialectOf } from "@/lib/db/dialect";
import { readEveryTable } from "../helpers/db-contents";
import { signInForTest } from "../helpers/operator-session";

// Every page, JSON route and server action, found by walking app/ so a new one cannot be missed, is
// called without a valid session: no cookie, a forged one, an expired one, a signed-out one, one of an
// operator removed from the configuration. Each must
// answer 401 (routes, actions) or redirect to sign-in (pages, sign-out), and the database must not change.
// Only cookies() is stood in for (there is no Next request here); the checks behind it are Lookout's own.

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const jar = vi.hoisted(() => ({ token: undefined as string | undefined }));
vi.mock("next/headers", async () => (await import("../helpers/operator-session")).fakeNextHeaders(jar));

// Set before any import reads the environment: with no secret the cron route would answer 503, not 401.
// The operator is named alice here, so a session for anyone else is one the configuration no longer has.
vi.hoisted(() => {
  process.env.CRON_SECRET = "cron-secret-for-protection-tests-51e0";
  process.env.LOOKOUT_OPERATOR_NAME = "alice";
  // Set so the Slack route's 401 below is a signature refused, not interactions being off.
  process.env.SLACK_SIGNING_SECRET = "slack-signing-secret-for-protection-tests-7a2b";
});

// From this file, not the working directory: the mutation-testing sandbox runs with another cwd.
const repoRoot = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(repoRoot, "app");
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const files = walk(appDir).filter((f) => /\.(ts|tsx)$/.test(f));
const rel = (f: string) => path.relative(repoRoot, f).split(path.sep).join("/");
const routes = files.filter((f) => /[/\\]route\.ts$/.test(f));
const pages = files.filter((f) => /[/\\]page\.tsx$/.test(f));
// "use server" must be the first statement; comments may come before it (the mutation sandbox adds one).
const actionFiles = files.filter((f) => /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["']/.test(fs.readFileSync(f, "utf8")));

// The only ways in without a session, each for its own reason.
const OPEN_PAGES = new Set(["app/sign-in/page.tsx"]);
const OPEN_ACTIONS = new Set(["signInAction"]);
const BEARER_ROUTES = new Set(["app/api/cron/probes/route.ts"]);
// Slack's Interactivity route: authenticated by Slack's request signature, never by a session.
const SIGNED_ROUTES = new Set(["app/api/slack/interactions/route.ts"]);

/** Every table's full content: an UPDATE shows up as surely as an INSERT. */
async function databaseState({ except }: { except?: string } = {}): Promise<string> {
  const tables = (await readEveryTable(db)).filter(([name]) => name !== except);
  return JSON.stringify(tables, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

function isRedirectToSignIn(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") && digest.includes(";/sign-in");
}

const invalidSessions: [string, () => Promise<string | undefined>][] = [];
let forgedKeyToken: string;

beforeAll(async () => {
  // One of each kind of invalid session, prepared before the database state is taken.
  const { session: revoked, token: revokedToken } = await signInForTest("alice");
  await revokeOperatorSession(db, revoked);
  const { token: expiredToken } = await signInForTest("alice", { hours: -1 });
  const { token: removedOperatorToken } = await signInForTest("mallory");
  forgedKeyToken = await new SignJWT({ operator: "alice" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(revoked.id)
    .setIssuer("lookout")
    .setAudience("lookout-operator")
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode("a-key-that-is-not-lookouts-key-0123456789"));
  invalidSessions.push(
    ["no cookie", async () => undefined],
    ["a cookie signed with another key", async () => forgedKeyToken],
    ["an expired session", async () => expiredToken],
    ["a signed-out session", async () => revokedToken],
    ["a live session of an operator no longer configured", async () => removedOperatorToken],
    ["garbage", async () => "not.a.jwt"],
  );
});
afterAll(() => {
  jar.token = undefined;
});

describe("the enumeration itself", () => {
  it("finds the routes, pages and actions Lookout has today", () => {
    expect(routes.map(rel).sort()).toEqual(
      expect.arrayContaining(["app/api/cron/probes/route.ts", "app/api/dashboard/route.ts", "app/api/investigations/[sessionId]/route.ts"]),
    );
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(actionFiles.map(rel).sort()).toEqual(expect.arrayContaining(["app/actions/run-now.ts", "app/settings/actions.ts", "app/sign-in/actions.ts"]));
  });
});

describe("JSON routes", () => {
  for (const file of routes.filter((f) => !BEARER_ROUTES.has(rel(f)) && !SIGNED_ROUTES.has(rel(f)))) {
    it(`${rel(file)}: 401 for every method without a valid session, nothing written`, async () => {
      const route = (await import(file)) as Record<string, unknown>;
      const methods = Object.keys(route).filter((k) => /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(k));
      expect(methods.length, "a route module exports at least one method").toBeGreaterThan(0);
      const before = await databaseState();
      for (const method of methods) {
        for (const [kind, token] of invalidSessions) {
          const value = await token();
          const headers = value ? { cookie: `lookout_session=${value}` } : undefined;
          const body = method === "GET" || method === "HEAD" ? undefined : "{}";
          const handler = route[method] as (r: Request, c: unknown) => Promise<Response>;
          const response = await handler(new Request("http://localhost/api/x", { method, headers, body }), { params: Promise.resolve({ sessionId: "x" }) });
          expect(response.status, `${method} with ${kind}`).toBe(401);
        }
      }
      expect(await databaseState()).toBe(before);
    });
  }

  it("the same routes answer with a valid session (the 401 above is the session check, not a broken route)", async () => {
    const { cookie } = await signInForTest("alice");
    const { GET } = await import("@/app/api/dashboard/route");
    const response = await GET(new Request("http://localhost/api/dashboard", { headers: { cookie } }), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty("cards");
  });

  it("the cron route answers to its bearer secret only: a valid session cookie without it is refused", async () => {
    const { cookie } = await signInForTest("alice");
    const { GET, POST } = await import("@/app/api/cron/probes/route");
    const before = await databaseState();
    for (const handler of [GET, POST]) {
      expect((await handler(new Request("http://localhost/api/cron/probes", { headers: { cookie } }))).status).toBe(401);
      expect((await handler(new Request("http://localhost/api/cron/probes", { headers: { cookie, authorization: "Bearer wrong" } }))).status).toBe(401);
    }
    expect(await databaseState()).toBe(before);
  });

  it("the Slack interactions route answers to Slack's signature only: a valid session cookie without it is refused", async () => {
    const { cookie } = await signInForTest("alice");
    const { POST } = await import("@/app/api/slack/interactions/route");
    const before = await databaseState();
    const body = new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", user: { id: "U0SIMOP01" }, actions: [{ action_id: "acknowledge", value: "x", action_ts: "1.2" }] }) }).toString();
    const headers = { cookie, "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": "v0=00" };
    expect((await POST(new Request("http://localhost/api/slack/interactions", { method: "POST", headers: { cookie }, body }))).status).toBe(401);
    expect((await POST(new Request("http://localhost/api/slack/interactions", { method: "POST", headers, body }))).status).toBe(401);
    expect(await databaseState()).toBe(before);
  });
});

describe("server actions", () => {
  // Plausible arguments, so that only the session check can stop an action; a new action gets none.
  const argumentsFor: Record<string, unknown[]> = {
    toggleEnvelopeAction: [{ probe: "fly", enabled: true, reason: "no session" }],
    runNowAction: [],
    signOutAction: [],
  };

  for (const file of actionFiles) {
    it(`${rel(file)}: every action refuses without a valid session, nothing written`, async () => {
      const actions = Object.entries((await import(file)) as Record<string, unknown>).filter(([, v]) => typeof v === "function");
      expect(actions.length).toBeGreaterThan(0);
      const before = await databaseState();
      for (const [name, action] of actions) {
        if (OPEN_ACTIONS.has(name)) continue;
        for (const [kind, token] of invalidSessions) {
          jar.token = await token();
          let outcome: unknown;
          try {
            outcome = await (action as (...args: unknown[]) => Promise<unknown>)(...(argumentsFor[name] ?? []));
          } catch (error) {
            expect(isRedirectToSignIn(error), `${name} with ${kind} threw ${String(error)}`).toBe(true);
            continue;
          }
          expect(outcome, `${name} with ${kind}`).toMatchObject({ ok: false, status: 401 });
        }
      }
      jar.token = undefined;
      expect(await databaseState()).toBe(before);
    });
  }

  it("the sign-in action is the one open door, and a wrong password through it writes nothing but its failure count", async () => {
    const { signInAction } = await import("@/app/sign-in/actions");
    const failuresBefore = await db.signInFailure.count();
    const before = await databaseState({ except: "SignInFailure" });
    const form = new FormData();
    form.set("secret", "certainly-not-the-password");
    expect(await signInAction({ error: null }, form)).toEqual({ error: expect.stringMatching(/not (right|valid)/) });
    expect(await databaseState({ except: "SignInFailure" })).toBe(before);
    // Where instances share the database (PostgreSQL) the failure is counted there, for every instance; SQLite counts in memory.
    expect(await db.signInFailure.count()).toBe(failuresBefore + (dialectOf(db).servesManyInstances ? 1 : 0));
  });

  it("the sign-in action answers a call that carries no form (anyone can post its id) with a refusal, not a crash", async () => {
    const { signInAction } = await import("@/app/sign-in/actions");
    const before = await databaseState();
    for (const junk of [undefined, null, "secret=x", { secret: "x" }]) {
      expect(await signInAction(junk as never, junk as never), JSON.stringify(junk)).toEqual({ error: "Enter the password." });
    }
    expect(await databaseState()).toBe(before);
  });
});

describe("pages", () => {
  for (const file of pages.filter((f) => !OPEN_PAGES.has(rel(f)))) {
    it(`${rel(file)}: redirects to sign-in without a valid session`, async () => {
      const { default: Page } = (await import(file)) as { default: (props: unknown) => Promise<unknown> };
      for (const [kind, token] of invalidSessions) {
        jar.token = await token();
        const props = { params: Promise.resolve({ sessionId: "x" }), searchParams: Promise.resolve({}) };
        await expect(Page(props).then(() => "rendered", (e: unknown) => (isRedirectToSignIn(e) ? "redirected" : String(e))), `${kind}`).resolves.toBe("redirected");
      }
      jar.token = undefined;
    });
  }
});
