import type { DashboardData } from "./types";

// Browser side of the live refresh: the query key that "Run now" invalidates and the poll itself.

export const dashboardQueryKey = ["dashboard"] as const;

export async function fetchDashboard(): Promise<DashboardData> {
  const response = await fetch("/api/dashboard", { cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET /api/dashboard answered ${response.status}`);
  return (await response.json()) as DashboardData;
}
