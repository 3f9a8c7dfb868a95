import type { InvestigationsQuery } from "@/lib/timeline/list-investigations";

export type InvestigationFilters = Omit<InvestigationsQuery, "cursor">;

/**
 * The list page's URL for these filters, in a fixed parameter order so equal filters give equal links.
 * A filter change always starts from the newest page: a cursor from another filter would skip rows.
 */
export function investigationsHref({ probe, severity, state, dm, ack, flapping, maintenance }: InvestigationFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (probe) params.set("probe", probe);
  if (severity) params.set("severity", severity);
  if (state) params.set("state", state);
  if (dm) params.set("dm", dm);
  if (ack) params.set("ack", ack);
  if (flapping) params.set("flapping", flapping);
  if (maintenance) params.set("maintenance", maintenance);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `/investigations?${search}` : "/investigations";
}

export function hasFilters({ probe, severity, state, dm, ack, flapping, maintenance }: InvestigationFilters): boolean {
  return Boolean(probe || severity || state || dm || ack || flapping || maintenance);
}
