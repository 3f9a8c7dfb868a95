import { fetchLiveJson } from "@/lib/fetch-live-json";
import type { DashboardData } from "./types";

// Browser side of the live refresh: the query key that "Run now" invalidates and the poll itself.

export const dashboardQueryKey = ["dashboard"] as const;

export function fetchDashboard(): Promise<DashboardData> {
  return fetchLiveJson<DashboardData>("/api/dashboard");
}
