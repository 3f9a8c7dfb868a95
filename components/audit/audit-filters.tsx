import Link from "next/link";
import { auditSeams, type AuditSeam } from "@/lib/audit/seams";
import { probes } from "@/lib/probes/registry";
import { ChipGroup, chipClass, type Chip } from "@/components/chip-group";
import { auditHref, type AuditFilters as Filters } from "./audit-href";

/** Seam and probe chips plus the session filter; every chip is a link, so a filtered view can be shared. */
export function AuditFilters({ filters }: { filters: Filters }) {
  const seamChips: Chip[] = [
    { label: "All", href: auditHref({ ...filters, seam: undefined }), current: !filters.seam },
    ...(Object.entries(auditSeams) as [AuditSeam, string][]).map(([seam, label]) => ({
      label,
      href: auditHref({ ...filters, seam }),
      current: filters.seam === seam,
    })),
  ];
  const probeChips: Chip[] = [
    { label: "All", href: auditHref({ ...filters, probe: undefined }), current: !filters.probe },
    ...probes.map((p) => ({ label: p.label, href: auditHref({ ...filters, probe: p.name }), current: filters.probe === p.name })),
  ];
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-xs sm:px-5">
      <ChipGroup id="filter-seam" label="Seam" chips={seamChips} />
      <ChipGroup id="filter-probe" label="Probe" chips={probeChips} />
      {filters.session && (
        <div className="flex flex-col gap-1.5 sm:flex-row sm:items-center sm:gap-3">
          <span className="w-20 shrink-0 text-xs font-medium tracking-wide text-slate-500 uppercase">Session</span>
          <span
            data-testid="session-filter"
            className={`${chipClass} max-w-full gap-2 bg-slate-900 py-0.5 pr-1 text-white ring-slate-900`}
          >
            <code className="min-w-0 font-mono text-xs break-all">{filters.session}</code>
            <Link
              href={auditHref({ ...filters, session: undefined })}
              aria-label="Remove the session filter"
              className="grid size-6 shrink-0 place-items-center rounded-full text-slate-300 hover:bg-white/15 hover:text-white"
            >
              <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <path d="m4 4 8 8M12 4l-8 8" />
              </svg>
            </Link>
          </span>
        </div>
      )}
    </div>
  );
}
