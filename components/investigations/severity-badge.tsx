// Severity is always spelled out next to its colour, as on the dashboard's incident banner.
const severityStyles = {
  critical: { label: "Critical", badge: "bg-red-600 text-white" },
  warning: { label: "Warning", badge: "bg-amber-400 text-amber-950" },
} as const;

/** Only the two severities the detector writes; anything else is shown as the milder one. */
export function SeverityBadge({ severity }: { severity: string }) {
  const key = severity === "critical" ? "critical" : "warning";
  return (
    <span
      data-severity={key}
      className={`inline-flex shrink-0 items-center rounded px-1.5 py-0.5 text-xs font-semibold tracking-wide uppercase ${severityStyles[key].badge}`}
    >
      {severityStyles[key].label}
    </span>
  );
}
