import Link from "next/link";

export interface Chip {
  label: string;
  href: string;
  current: boolean;
}

export const chipClass = "inline-flex items-center rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset transition-colors";

/** One labelled row of filter chips, each a link, so a filtered view can be shared and the back button works. */
export function ChipGroup({ id, label, chips }: { id: string; label: string; chips: Chip[] }) {
  return (
    <div role="group" aria-labelledby={id} className="flex flex-col gap-1.5 sm:flex-row sm:items-center sm:gap-3">
      <span id={id} className="w-28 shrink-0 text-xs font-medium tracking-wide text-slate-500 uppercase">
        {label}
      </span>
      <ul className="flex flex-wrap gap-1.5">
        {chips.map((chip) => (
          <li key={chip.href + chip.label}>
            <Link
              href={chip.href}
              aria-current={chip.current ? "true" : undefined}
              className={`${chipClass} ${
                chip.current ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 hover:text-slate-900"
              }`}
            >
              {chip.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
