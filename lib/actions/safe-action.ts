import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { describeError } from "@/lib/describe-error";
import { getOperator } from "@/lib/auth/current-operator";
import type { ActiveSession } from "@/lib/auth/operator-sessions";

export const SIGNED_OUT = "Your session has ended; sign in again.";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 422 | 500; error: string };

/**
 * The one wrapper every server action goes through: require a signed-in operator (checked here, not only
 * in the request proxy), parse the raw input with zod (a forged or malformed payload gets a 400 and never
 * reaches the service), map a UserFacingError to its message, and anything else to a generic message plus
 * a log line. A raw exception message never reaches the browser.
 */
export function safeAction<S extends z.ZodType, T>(name: string, schema: S, run: (input: z.infer<S>, operator: ActiveSession) => Promise<T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const operator = await getOperator();
    if (!operator) return { ok: false, status: 401, error: SIGNED_OUT };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
      return { ok: false, status: 400, error: `Invalid request: ${problems}` };
    }
    try {
      return { ok: true, data: await run(parsed.data, operator) };
    } catch (error) {
      if (error instanceof UserFacingError) return { ok: false, status: error.status, error: error.message };
      console.error(`[lookout] action ${name} failed:`, describeError(error));
      return { ok: false, status: 500, error: "Something went wrong; the server log has the details." };
    }
  };
}
