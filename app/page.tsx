import { DashboardLive } from "@/components/dashboard/dashboard-live";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { getEnv } from "@/lib/env";
import { requireOperator } from "@/lib/auth/current-operator";

export const dynamic = "force-dynamic";

export default async function HealthPage() {
  await requireOperator("/");
  const env = getEnv();
  const data = await getDashboard({ env });
  return (
    <DashboardLive initialData={data} refreshMs={env.LOOKOUT_DASHBOARD_REFRESH_MS} probeIntervalMs={env.LOOKOUT_PROBE_INTERVAL} />
  );
}
