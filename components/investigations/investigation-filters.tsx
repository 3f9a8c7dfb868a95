import { probes } from "@/lib/probes/registry";
import { ChipGroup, type Chip } from "@/components/chip-group";
import { dmStatusStyles } from "./dm-status";
import { investigationsHref, type InvestigationFilters } from "./investigations-href";

type Key = keyof InvestigationFilters;

/** "All" plus one chip per value; each chip keeps the other groups' filters in its link. */
function chips<K extends Key>(filters: InvestigationFilters, key: K, options: [NonNullable<InvestigationFilters[K]>, string][]): Chip[] {
  return [
    { label: "All", href: investigationsHref({ ...filters, [key]: undefined }), current: !filters[key] },
    ...options.map(([value, label]) => ({ label, href: investigationsHref({ ...filters, [key]: value }), current: filters[key] === value })),
  ];
}

const yesNo: ["yes" | "no", string][] = [
  ["yes", "Yes"],
  ["no", "No"],
];

/** Probe, severity, state, DM status and lifecycle chips; every chip is a link, so a filtered view can be shared. */
export function InvestigationFilterChips({ filters }: { filters: InvestigationFilters }) {
  const dmOptions = Object.entries(dmStatusStyles).map(([status, style]) => [status, style.label]) as [NonNullable<InvestigationFilters["dm"]>, string][];
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-xs sm:px-5">
      <ChipGroup id="filter-probe" label="Probe" chips={chips(filters, "probe", probes.map((p) => [p.name, p.label]))} />
      <ChipGroup
        id="filter-severity"
        label="Severity"
        chips={chips(filters, "severity", [
          ["critical", "Critical"],
          ["warning", "Warning"],
        ])}
      />
      <ChipGroup
        id="filter-state"
        label="State"
        chips={chips(filters, "state", [
          ["open", "Open"],
          ["resolved", "Resolved"],
        ])}
      />
      <ChipGroup id="filter-dm" label="DM status" chips={chips(filters, "dm", dmOptions)} />
      <ChipGroup id="filter-ack" label="Acknowledged" chips={chips(filters, "ack", yesNo)} />
      <ChipGroup id="filter-flapping" label="Flapping" chips={chips(filters, "flapping", yesNo)} />
      <ChipGroup id="filter-maintenance" label="Maintenance" chips={chips(filters, "maintenance", yesNo)} />
    </div>
  );
}
