import { SignJWT } from "jose";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { signInForTest } from "../helpers/operator-session";

// The request proxy's quick check, called as Next calls it, with real NextRequest objects: without a
// validly signed session cookie, pages redirect to sign-in (remembering where they were going) and JSON
// routes and writes get a 401; the sign-in page and the cron route are reached without one. Whether the
// session row is still live is the pages' and routes' own check (protected-endpoints.test.ts), not this one's.

const ORIGIN = "http://lookout.test";
const cookies: Record<"valid" | "forged" | "expired" | "garbage", string> = { valid: "", forged: "", expired: "", garbage: "lookout_session=not.a.jwt" };

beforeAll(async () => {
  cookies.valid = (await signInForTest("alice")).cookie;
  // Signed with the right key, but the session it names ended an hour ago.
  cookies.expired = (await signInForTest("alice", { hours: -1 })).cookie;
  // Well-formed and unexpired, but signed with a key that is not Lookout's.
  const forged = await new SignJWT({ operator: "alice" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("s".repeat(24))
    .setIssuer("lookout")
    .setAudience("lookout-operator")
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode("a-key-that-is-not-lookouts-key-0123456789"));
  cookies.forged = `lookout_session=${forged}`;
});

function call(path: string, { method = "GET", cookie }: { method?: string; cookie?: string } = {}) {
  return proxy(new NextRequest(`${ORIGIN}${path}`, { method, headers: cookie ? { cookie } : {} }));
}

/** What the proxy decided: passed on to the app, redirected (and where), or refused with a status. */
async function outcome(response: Response): Promise<string> {
  if (response.headers.get("x-middleware-next") === "1") return "passed";
  const location = response.headers.get("location");
  if (location) return `${response.status} -> ${location.replace(ORIGIN, "")}`;
  return `${response.status} ${JSON.stringify(await response.json())}`;
}

const refused = `401 ${JSON.stringify({ error: "Sign in to Lookout first." })}`;

describe.each([
  ["no cookie", () => undefined],
  ["a cookie signed with another key", () => cookies.forged],
  ["an expired cookie", () => cookies.expired],
  ["a cookie that is not a token", () => cookies.garbage],
])("with %s", (_, cookie) => {
  it("redirects pages to sign-in, with where they were going", async () => {
    expect(await outcome(await call("/", { cookie: cookie() }))).toBe("307 -> /sign-in");
    expect(await outcome(await call("/investigations?probe=fly&status=open", { cookie: cookie() }))).toBe("307 -> /sign-in?next=%2Finvestigations%3Fprobe%3Dfly%26status%3Dopen");
    expect(await outcome(await call("/settings", { method: "HEAD", cookie: cookie() }))).toBe("307 -> /sign-in?next=%2Fsettings");
  });

  it("answers 401 to JSON routes and to any write, never running it", async () => {
    expect(await outcome(await call("/api/dashboard", { cookie: cookie() }))).toBe(refused);
    expect(await outcome(await call("/api/investigations/probe%3Afly", { cookie: cookie() }))).toBe(refused);
    // A server action is a POST to the page's own path: refused, not redirected into running.
    expect(await outcome(await call("/settings", { method: "POST", cookie: cookie() }))).toBe(refused);
    expect(await outcome(await call("/", { method: "DELETE", cookie: cookie() }))).toBe(refused);
    expect((await call("/api/dashboard", { cookie: cookie() })).headers.get("cache-control")).toBe("no-store");
  });

  it("lets the sign-in page, its action, the cron route and Slack's signed interactions route through", async () => {
    expect(await outcome(await call("/sign-in", { cookie: cookie() }))).toBe("passed");
    expect(await outcome(await call("/sign-in?next=%2Fsettings", { method: "POST", cookie: cookie() }))).toBe("passed");
    expect(await outcome(await call("/api/cron/probes", { cookie: cookie() }))).toBe("passed");
    expect(await outcome(await call("/api/cron/probes", { method: "POST", cookie: cookie() }))).toBe("passed");
    expect(await outcome(await call("/api/slack/interactions", { method: "POST", cookie: cookie() }))).toBe("passed");
  });
});

describe("with a validly signed session cookie", () => {
  it("passes pages, JSON routes and writes on to the app", async () => {
    for (const [path, method] of [["/", "GET"], ["/investigations?probe=fly", "GET"], ["/api/dashboard", "GET"], ["/settings", "POST"]]) {
      expect(await outcome(await call(path!, { method, cookie: cookies.valid })), `${method} ${path}`).toBe("passed");
    }
  });
});

describe("the open paths", () => {
  it("are exact: paths that only look like them still need a session", async () => {
    expect(await outcome(await call("/sign-in-later"))).toBe("307 -> /sign-in?next=%2Fsign-in-later");
    expect(await outcome(await call("/api/cron/probes/extra"))).toBe(refused);
    expect(await outcome(await call("/api/slack/interactions/extra", { method: "POST" }))).toBe(refused);
    expect(await outcome(await call("/api/slack"))).toBe(refused);
  });
});

describe("a server action id on the sign-in page", () => {
  // Next forwards an id the sign-in page does not hold to the page that does, past this check, and answers
  // the caller 200 "{}" with an uncaught "aborted" in the log. Signed out, only the sign-in action passes.
  const post = (actionId: string, cookie?: string) =>
    proxy(new NextRequest(`${ORIGIN}/sign-in`, { method: "POST", headers: { "next-action": actionId, ...(cookie ? { cookie } : {}) } }));

  it("is refused without a session unless it is the sign-in action's", async () => {
    for (const id of [`40${"7".repeat(40)}`, `7f${"0".repeat(40)}`, "not-an-action-id"]) {
      expect(await outcome(await post(id)), id).toBe(refused);
      expect(await outcome(await post(id, cookies.forged)), id).toBe(refused);
    }
  });

  it("passes with a valid session, where the page itself decides", async () => {
    expect(await outcome(await post(`40${"7".repeat(40)}`, cookies.valid))).toBe("passed");
  });
});
