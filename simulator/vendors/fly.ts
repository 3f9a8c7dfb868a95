import { randomBytes } from "node:crypto";
import type { FlyApp, FlyMachine } from "../state-types";
import { authToken, json, segments, type SimContext, type SimResponse, type VendorModule } from "../http";

// Fly.io Machines API (`FLY_API_URL`, normally https://api.machines.dev). The official client sends
// macaroon tokens as `FlyV1 <token>`, others as `Bearer <token>`: both are accepted.

function flyError(status: number, message: string): SimResponse {
  return json(status, { error: message });
}

function findApp(ctx: SimContext, name: string): FlyApp | SimResponse {
  const app = ctx.state.fly.apps.find((a) => a.name === name);
  if (!app) return flyError(404, "app not found");
  // No `status` here: Fly's error status is a closed set (unknown, insufficient_capacity, ...; fly-go flaps_error.go).
  if (app.outage) return flyError(503, "service temporarily unavailable, please try again");
  return app;
}

function findMachine(app: FlyApp, id: string): FlyMachine | SimResponse {
  return app.machines.find((m) => m.id === id) ?? flyError(404, "machine not found");
}

function isResponse<T extends object>(value: T | SimResponse): value is SimResponse {
  return "status" in value && "body" in value && "headers" in value;
}

/** Restarting brings the machine back to started with passing checks, and is recorded for assertions. */
function restart(ctx: SimContext, app: FlyApp, machine: FlyMachine): SimResponse {
  const at = new Date(ctx.now).toISOString();
  ctx.state.fly.restarts.push({ app: app.name, machineId: machine.id, at, query: Object.fromEntries(ctx.query) });
  machine.state = "started";
  machine.updated_at = at;
  machine.checks = machine.checks.map((c) => ({ ...c, status: "passing", output: "Success", updated_at: at }));
  machine.events = [
    { type: "start", status: "started", source: "flyd", timestamp: ctx.now },
    { type: "restart", status: "restarting", source: "user", timestamp: ctx.now - 1 },
    ...machine.events,
  ];
  return json(200, { ok: true });
}

export const fly: VendorModule = {
  vendor: "fly",

  authorize(ctx) {
    const token = authToken(ctx, ["Bearer", "FlyV1"]);
    if (!token) return flyError(401, "You must be authenticated to view this.");
    if (token !== ctx.state.credentials.flyApiToken) return flyError(401, "token validation error");
    return null;
  },

  handle(ctx) {
    const [v1, apps, appName, machines, machineId, action, ...rest] = segments(ctx.path);
    if (v1 !== "v1" || apps !== "apps" || !appName || rest.length > 0) return flyError(404, "Not Found");
    const app = findApp(ctx, appName);
    if (isResponse(app)) return app;
    if (!machines) {
      if (ctx.method !== "GET") return flyError(405, "method not allowed");
      return json(200, { id: app.id, name: app.name, status: app.status, organization: ctx.state.fly.organization });
    }
    if (machines !== "machines") return flyError(404, "Not Found");
    if (!machineId) {
      if (ctx.method !== "GET") return flyError(405, "method not allowed");
      return json(200, app.machines);
    }
    const machine = findMachine(app, machineId);
    if (isResponse(machine)) return machine;
    if (!action && ctx.method === "GET") return json(200, machine);
    if (action === "restart" && ctx.method === "POST") return restart(ctx, app, machine);
    return flyError(404, "Not Found");
  },

  error(_ctx, status, message) {
    return flyError(status, message);
  },

  rateLimited(_ctx, retryAfterS) {
    return json(429, { error: "rate limit exceeded" }, { "retry-after": String(retryAfterS ?? 1) });
  },

  decorate(_ctx, res) {
    // Fly tags every answer with a request id (region suffix included) for support tickets.
    res.headers["fly-request-id"] = `01JSIM${randomBytes(10).toString("hex").toUpperCase()}-iad`;
  },
};
