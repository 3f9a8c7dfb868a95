import { createHash, timingSafeEqual } from "node:crypto";

export type CronAuthorization = { ok: true } | { ok: false; status: 401 | 503; message: string };

/**
 * Vercel Cron sends `Authorization: Bearer $CRON_SECRET`. Refuses when no secret is configured (never open
 * by environment) and compares digests in constant time so neither content nor length leaks through timing.
 */
export function authorizeCron(request: Request, secret: string | undefined): CronAuthorization {
  if (!secret) {
    return { ok: false, status: 503, message: "CRON_SECRET is not configured: set it to enable /api/cron/probes." };
  }
  const header = request.headers.get("authorization") ?? "";
  const expected = digest(`Bearer ${secret}`);
  if (!timingSafeEqual(digest(header), expected)) {
    return { ok: false, status: 401, message: "Missing or invalid bearer token." };
  }
  return { ok: true };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
