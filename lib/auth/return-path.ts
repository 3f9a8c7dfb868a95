// Where sign-in sends the operator afterwards. Shared by the request proxy, pages and the sign-in action.

/** `/sign-in`, remembering where to go afterwards when that is somewhere other than the dashboard. */
export function signInPath(returnTo: string): string {
  const next = safeReturnPath(returnTo);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}

/** Only a path on this site: never another origin (`//evil`, `/\evil`, `https://…`), never the sign-in page itself. */
export function safeReturnPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048 || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\\]/.test(raw)) return "/";
  if (raw === "/sign-in" || raw.startsWith("/sign-in?") || raw.startsWith("/sign-in/")) return "/";
  return raw;
}
