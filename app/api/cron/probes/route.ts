// GET|POST /api/cron/probes — Vercel Cron (or any scheduler with the bearer secret): run one probe cycle
import { NextResponse } from "next/server";
import { authorizeCron } from "@/lib/cron/authorize-cron";
import { runProbeCycle } from "@/lib/cycle/run-probe-cycle";
import { getEnv } from "@/lib/env";
import { runAfterResponse } from "@/lib/run-after-response";
import { consumeWakesLogged } from "@/lib/wake/consume-wakes-logged";
import { describeError } from "@/lib/describe-error";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export async function GET(request: Request): Promise<Response> {
  const auth = authorizeCron(request, getEnv().CRON_SECRET);
  if (!auth.ok) return NextResponse.json({ ok: false, error: auth.message }, { status: auth.status });
  try {
    const result = await runProbeCycle({ trigger: "cron" });
    if (!result.ok) return NextResponse.json({ ok: false, reason: result.reason, error: result.message }, { status: 409 });
    return NextResponse.json({ ok: true, cycle: result.cycle });
  } catch (error) {
    console.error("[lookout] cron probe cycle failed:", describeError(error));
    return NextResponse.json({ ok: false, error: "The probe cycle failed; see the server log." }, { status: 500 });
  } finally {
    // The cycle's wakes are consumed once the response is sent; also a sweep when this cycle was refused.
    runAfterResponse(consumeWakesLogged);
  }
}

export const POST = GET;
