/**
 * Where operators reach Lookout, for links in logs and Slack: LOOKOUT_PUBLIC_URL when set, otherwise this
 * machine on the port the server listens on (PORT moves the server, so it has to move the links too).
 */
export function resolvePublicUrl({ LOOKOUT_PUBLIC_URL, PORT }: { LOOKOUT_PUBLIC_URL?: string | undefined; PORT?: string | number | undefined }): string {
  return (LOOKOUT_PUBLIC_URL || `http://localhost:${PORT || 3000}`).replace(/\/+$/, "");
}
