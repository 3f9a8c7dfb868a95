import { dmStatusBadgeClass, dmStatusLabel } from "./dm-status";

/** The incident's last DM outcome, in words and colour; a dash until a DM was attempted. */
export function DmStatusBadge({ status }: { status: string | null }) {
  const label = dmStatusLabel(status);
  if (status === null || label === null) return <span className="text-slate-400">—</span>;
  return (
    <span
      data-dm-status={status}
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${dmStatusBadgeClass(status)}`}
    >
      {label}
    </span>
  );
}
