import { describe, expect, it, vi } from "vitest";
import { operatorRoute } from "@/lib/auth/operator-route";
import { signInForTest } from "../helpers/operator-session";

// What every JSON route is wrapped in: who may call it, how large a body it takes, and that no answer is
// cached. Called with real Requests; the session behind the cookie is a real row.

vi.hoisted(() => {
  process.env.LOOKOUT_OPERATOR_NAME = "alice";
});

const handler = vi.fn(async (_request: Request, context: { params: string }, operator: { operator: string }) =>
  Response.json({ ok: true, params: context.params, operator: operator.operator }),
);
const route = operatorRoute(handler);
const post = (headers: Record<string, string>, body?: string) => new Request("http://localhost/api/example", { method: "POST", headers, body });

describe("operatorRoute", () => {
  it("answers 401 without a live session, never cached, and never runs the handler", async () => {
    const response = await route(post({}), { params: "x" });
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "Sign in to Lookout first." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 413 to a signed-in caller whose body is past 1 KB, never cached, and never runs the handler", async () => {
    const { cookie } = await signInForTest("alice");
    const response = await route(post({ cookie, "content-type": "application/json" }, "x".repeat(1025)), { params: "x" });
    expect(response.status).toBe(413);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "The request body is larger than 1024 bytes." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands a signed-in caller's request, with a body up to 1 KB, to the handler with its operator", async () => {
    const { cookie } = await signInForTest("alice");
    const response = await route(post({ cookie }, "x".repeat(1024)), { params: "p" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, params: "p", operator: "alice" });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
