import type { Env } from "@/lib/env";

export const SESSION_COOKIE = "lookout_session";

/**
 * HttpOnly and SameSite=Lax always; Secure in production whenever Lookout is reached over https (its
 * public URL or the request itself). A production server on plain http (a laptop, a private network)
 * would otherwise never keep the cookie, and the operator could not sign in at all.
 */
export function sessionCookieOptions(env: Pick<Env, "LOOKOUT_PUBLIC_URL">, { requestIsHttps, expiresAt }: { requestIsHttps: boolean; expiresAt: Date }) {
  const production = process.env.NODE_ENV === "production";
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: production && (requestIsHttps || env.LOOKOUT_PUBLIC_URL.startsWith("https:")),
    path: "/",
    expires: expiresAt,
  };
}

/** The session cookie's value from a raw Cookie header. */
export function readSessionCookie(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=");
  }
  return undefined;
}
