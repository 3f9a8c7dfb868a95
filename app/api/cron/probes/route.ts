// GET|POST /api/cron/probes — Vercel Cron (or any scheduler with the bearer secret): run one probe cycle
import { NextResponse } from "next/server";
import { authorizeCron } from "@/lib/cron/authorize-cron";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { getEnv } from "@/lib/env";
import { limitBody } from "@/lib/security/limit-body";
import { runAfterResponse } from "@/lib/run-after-response";
import { consumeWakesLogged } from "@/lib/wake/consume-wakes-logged";
import { functionTimeBudget } from "@/lib/time-budget";
import { describeError } from "@/lib/describe-error";

export const dynamic = "force-dynamic";
// A literal: Next reads segment config statically. The consumer's budget below is derived from it.
export const maxDuration = 60;

// The route takes no body; anything past this is refused before a cycle starts.
const MAX_BODY_BYTES = 1024;

export async function GET(request: Request): Promise<Response> {
  // The work after the response shares the function's limit, so the budget runs from the request.
  const budget = functionTimeBudget(maxDuration);
  const auth = authorizeCron(request, getEnv().CRON_SECRET);
  if (!auth.ok) return NextResponse.json({ ok: false, error: auth.message }, { status: auth.status });
  const size = await limitBody(request, MAX_BODY_BYTES);
  if (!size.ok) return NextResponse.json({ ok: false, error: size.message }, { status: size.status });
  try {
    const result = await runProbeCycle({ trigger: "cron" });
    if (!result.ok) return NextResponse.json({ ok: false, reason: result.reason, error: result.message }, { status: 409 });
    if (result.coalesced) return NextResponse.json({ ok: true, coalesced: true, message: result.message, cycle: result.cycle });
    return NextResponse.json({ ok: true, coalesced: false, cycle: result.cycle });
  } catch (error) {
    console.error("[lookout] cron probe cycle failed:", describeError(error));
    return NextResponse.json({ ok: false, error: "The probe cycle failed; see the server log." }, { status: 500 });
  } finally {
    // The cycle's wakes are consumed once the response is sent; also a sweep when this cycle was refused.
    runAfterResponse(() => consumeWakesLogged({ budget }));
  }
}

export const POST = GET;
