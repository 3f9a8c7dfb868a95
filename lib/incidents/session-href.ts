/** Where a session id links to: the incident's timeline, joining every row that carries the id. */
export function sessionHref(sessionId: string): string {
  // Colons are legal in a path segment; keeping them makes the link readable in a DM or a log.
  return `/investigations/${encodeURIComponent(sessionId).replace(/%3A/gi, ":")}`;
}
