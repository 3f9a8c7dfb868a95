import type { AuditQuery } from "@/lib/audit/list-audit-events";

export type AuditFilters = Pick<AuditQuery, "seam" | "probe" | "session">;

/**
 * The audit page's URL for these filters, in a fixed parameter order so equal filters give equal links.
 * A filter change always starts from the newest page: a cursor from another filter would skip rows.
 */
export function auditHref({ seam, probe, session }: AuditFilters, cursor?: number): string {
  const params = new URLSearchParams();
  if (seam) params.set("seam", seam);
  if (probe) params.set("probe", probe);
  if (session) params.set("session", session);
  if (cursor) params.set("cursor", String(cursor));
  const search = params.toString();
  return search ? `/audit?${search}` : "/audit";
}

/** The in-page anchor of one audit row. */
export const auditRowAnchor = (id: number) => `audit-event-${id}`;

/** A link to one row: its anchor when it is on this page, else the unfiltered page that starts at it. */
export function auditRowHref(id: number, onThisPage: boolean): string {
  return onThisPage ? `#${auditRowAnchor(id)}` : `${auditHref({}, id + 1)}#${auditRowAnchor(id)}`;
}
