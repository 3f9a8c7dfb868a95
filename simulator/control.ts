import { z } from "zod";
import { scriptAnthropicInput } from "./anthropic-script";
import { setFaultInput, setLatencyInput } from "./faults";
import { json, type SimResponse } from "./http";
import type { RecordedRequest } from "./request-log";
import { isScenarioName, scenarioNames, type ScenarioName } from "./scenarios";
import { slackFailNextInput } from "./slack-fail-next";
import { sendInteraction, sendInteractionInput } from "./slack-interactions";
import type { SimState } from "./state";

// /_control/* — the JSON endpoint that lets a test or the demo script the simulator from another process.

export interface ControlTarget {
  state: SimState;
  applyScenario(name: ScenarioName): void;
  setFault(vendor: z.infer<typeof setFaultInput>["vendor"], fault: z.infer<typeof setFaultInput>["fault"]): void;
  setLatency(vendor: z.infer<typeof setLatencyInput>["vendor"], ms: number): void;
  setLeak(on: boolean): void;
  requests(): RecordedRequest[];
  clearRequests(): void;
  reset(): void;
}

// Slices a caller may patch with POST /_control/state; each is shallow-merged.
const patchableSlices = ["credentials", "supabase", "fly", "vercel", "sentry", "doppler", "slack", "anthropic"] as const;
const statePatchInput = z
  .record(z.string(), z.record(z.string(), z.unknown()))
  .refine((patch) => Object.keys(patch).every((k) => (patchableSlices as readonly string[]).includes(k)), {
    message: `keys must be among: ${patchableSlices.join(", ")}`,
  });

const setLeakInput = z.strictObject({ on: z.boolean() });

function badRequest(message: string): SimResponse {
  return json(400, { error: "bad_request", message });
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

function parseBody(raw: string): unknown {
  if (raw.trim() === "") return {};
  return JSON.parse(raw);
}

/** Synchronous but for sending an interaction, which waits for the app's answer. */
export function handleControl(target: ControlTarget, method: string, action: string, rawBody: string): SimResponse | Promise<SimResponse> {
  let body: unknown;
  try {
    body = parseBody(rawBody);
  } catch {
    return badRequest("body must be JSON");
  }
  const route = `${method} ${action}`;
  switch (route) {
    case "GET state":
      return json(200, target.state);
    case "GET requests":
      return json(200, target.requests());
    case "DELETE requests":
      target.clearRequests();
      return json(200, { ok: true });
    case "POST reset":
      target.reset();
      return json(200, { ok: true });
    case "POST scenario": {
      const name = (body as { name?: unknown } | null)?.name;
      if (!isScenarioName(name)) return badRequest(`name must be one of: ${scenarioNames.join(", ")}`);
      target.applyScenario(name);
      return json(200, { ok: true, scenario: name });
    }
    case "POST fault": {
      const parsed = setFaultInput.safeParse(body);
      if (!parsed.success) return badRequest(describe(parsed.error));
      target.setFault(parsed.data.vendor, parsed.data.fault);
      return json(200, { ok: true, vendor: parsed.data.vendor, fault: parsed.data.fault });
    }
    case "POST latency": {
      const parsed = setLatencyInput.safeParse(body);
      if (!parsed.success) return badRequest(describe(parsed.error));
      target.setLatency(parsed.data.vendor, parsed.data.ms);
      return json(200, { ok: true, vendor: parsed.data.vendor, ms: parsed.data.ms });
    }
    case "GET leak":
      return json(200, { leak: target.state.leak });
    case "POST leak": {
      const parsed = setLeakInput.safeParse(body);
      if (!parsed.success) return badRequest(describe(parsed.error));
      target.setLeak(parsed.data.on);
      return json(200, { ok: true, leak: parsed.data.on });
    }
    case "POST state": {
      const parsed = statePatchInput.safeParse(body);
      if (!parsed.success) return badRequest(describe(parsed.error));
      for (const [slice, patch] of Object.entries(parsed.data)) {
        Object.assign(target.state[slice as (typeof patchableSlices)[number]], patch);
      }
      return json(200, target.state);
    }
    case "GET anthropic/script":
      return json(200, { script: target.state.anthropic.script, received: target.state.anthropic.received });
    case "POST anthropic/script": {
      const parsed = scriptAnthropicInput.safeParse(body);
      if (!parsed.success) return badRequest(describe(parsed.error));
      const { anthropic } = target.state;
      anthropic.script = parsed.data.append ? [...anthropic.script, ...parsed.data.replies] : parsed.data.replies;
      return json(200, { ok: true, queued: anthropic.script.length });
    }
    case "GET slack/messages":
      return json(200, target.state.slack.messages);
    case "POST slack/fail-next": {
      const parsed = slackFailNextInput.safeParse(body);
      if (!parsed.success) return badRequest(describe(parsed.error));
      target.state.slack.failNext = parsed.data;
      return json(200, { ok: true, failNext: parsed.data });
    }
    case "GET slack/updates":
      return json(200, target.state.slack.updates);
    case "GET slack/ephemeral":
      return json(200, target.state.slack.ephemeral);
    case "POST slack/interactions": {
      // Presses a button as Slack would: a signed block_actions POST to `url` (or a forgery, see `forge`).
      const parsed = sendInteractionInput.safeParse(body);
      if (!parsed.success) return badRequest(describe(parsed.error));
      return sendInteraction(target.state.slack, parsed.data).then(
        (answer) => json(200, { ok: true, answered: { status: answer.status, body: answer.body }, payload: answer.payload }),
        (error: unknown) => json(502, { error: "not_delivered", message: String(error) }),
      );
    }
    default:
      return json(404, {
        error: "not_found",
        message:
          `no control route ${method} /_control/${action}; try GET state|requests|leak|slack/messages|anthropic/script, ` +
          "POST scenario|fault|latency|leak|state|reset|slack/fail-next|anthropic/script, DELETE requests",
      });
  }
}
