/** Where a session id links to: every row of one incident, joined by its session id. */
export function sessionHref(sessionId: string): string {
  return `/audit?session=${encodeURIComponent(sessionId)}`;
}
