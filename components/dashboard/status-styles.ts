import type { ProbeStatus } from "@/lib/probes/types";
import type { CardStatus } from "@/lib/dashboard/types";

// One table for every place a status is drawn, so a colour always comes with the same words.
export const statusStyles = {
  healthy: { label: "Healthy", badge: "bg-emerald-50 text-emerald-800 ring-emerald-600/25", dot: "bg-emerald-500" },
  degraded: { label: "Degraded", badge: "bg-amber-50 text-amber-900 ring-amber-600/30", dot: "bg-amber-500" },
  unhealthy: { label: "Unhealthy", badge: "bg-red-50 text-red-800 ring-red-600/25", dot: "bg-red-500" },
  unconfigured: { label: "Not configured", badge: "bg-slate-100 text-slate-600 ring-slate-400/30", dot: "bg-slate-400" },
  pending: { label: "Waiting for first check", badge: "bg-sky-50 text-sky-800 ring-sky-600/25", dot: "bg-sky-500" },
} as const satisfies Record<CardStatus, { label: string; badge: string; dot: string }>;

/** History strip segments; `none` is a slice with no snapshot at all. */
export const segmentStyles = {
  healthy: { label: "healthy", className: "bg-emerald-500" },
  degraded: { label: "degraded", className: "bg-amber-400" },
  unhealthy: { label: "unhealthy", className: "bg-red-500" },
  unconfigured: { label: "not configured", className: "bg-slate-300" },
  none: { label: "no data", className: "bg-slate-100" },
} as const satisfies Record<ProbeStatus | "none", { label: string; className: string }>;
