import { dmStatuses, type DmStatus } from "@/lib/slack/types";

// What each stored DM status means to the operator; the list page's chips enumerate this table.
export const dmStatusStyles = {
  sent: { label: "Sent", badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/25" },
  failed_send: { label: "Failed to send", badge: "bg-red-50 text-red-800 ring-red-600/25" },
  engine_unavailable_fallback: { label: "Fallback sent", badge: "bg-sky-50 text-sky-800 ring-sky-600/25" },
  engine_unavailable_failed_send: { label: "Fallback failed", badge: "bg-red-50 text-red-800 ring-red-600/25" },
  retrying: { label: "Retrying", badge: "bg-amber-50 text-amber-800 ring-amber-600/25" },
  unknown: { label: "Maybe not delivered", badge: "bg-red-50 text-red-800 ring-red-600/25" },
} as const satisfies Record<DmStatus, { label: string; badge: string }>;

const unknownBadge = "bg-slate-100 text-slate-700 ring-slate-400/30";

function isDmStatus(status: string): status is DmStatus {
  return (dmStatuses as readonly string[]).includes(status);
}

/** "Sent", "Failed to send", …; null when no DM went out yet; an unknown status is shown as stored. */
export function dmStatusLabel(status: string | null): string | null {
  if (status === null) return null;
  return isDmStatus(status) ? dmStatusStyles[status].label : status;
}

export function dmStatusBadgeClass(status: string): string {
  return isDmStatus(status) ? dmStatusStyles[status].badge : unknownBadge;
}
