import { EnvelopeRow } from "@/components/settings/envelope-row";
import { KillSwitchBanner } from "@/components/settings/kill-switch-banner";
import { MaintenanceSection } from "@/components/settings/maintenance-section";
import { db } from "@/lib/db";
import { listMaintenanceWindows } from "@/lib/maintenance/maintenance-windows";
import { probes } from "@/lib/probes/registry";
import { getServerTimeZone } from "@/lib/dashboard/get-dashboard";
import { getEnvelopeStates } from "@/lib/envelopes/get-envelope-states";
import { requireOperator } from "@/lib/auth/current-operator";

export const dynamic = "force-dynamic";

export const metadata = { title: "Settings · Lookout" };

export default async function SettingsPage() {
  await requireOperator("/settings");
  const at = new Date();
  const [states, windows] = await Promise.all([getEnvelopeStates(), listMaintenanceWindows(db, at)]);
  const now = at.toISOString();
  const timeZone = getServerTimeZone();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Fix envelopes</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          An envelope is the one fix Lookout may attempt on its own for a vendor. Every envelope is off until you turn it on, and
          even then Lookout attempts only the fix described, nothing wider; every change is recorded in the audit log.
        </p>
      </div>
      {states.some((s) => s.killSwitch) && <KillSwitchBanner />}
      <section aria-label="Envelopes" className="flex flex-col gap-4">
        {states.map((state) => (
          <EnvelopeRow key={state.probe} state={state} now={now} timeZone={timeZone} />
        ))}
      </section>
      <MaintenanceSection
        current={windows.current}
        ended={windows.ended}
        probes={probes.map((p) => ({ name: p.name, label: p.label }))}
        now={at}
        timeZone={timeZone}
      />
    </div>
  );
}
